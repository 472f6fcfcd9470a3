package org.enclave.pseudonymiser.io;

/** A run of consecutive input records, handed from the reader thread to a worker. */
public interface RecordBatch {
    /** Record split fine. */
    int OK = 0;
    /** The record has more or fewer fields than the header. */
    int COLUMN_COUNT = 1;
    /** A quote inside an unquoted field, or text after a closing quote. */
    int BAD_QUOTING = 2;

    /** 1-based number of the first record among data rows (the header is not counted). */
    long firstRow();

    int size();

    /**
     * Splits record {@code i} into {@code out}.
     *
     * @return {@link #OK}, {@link #COLUMN_COUNT} or {@link #BAD_QUOTING}
     */
    int fields(int i, int expectedColumns, FieldBuffer out);
}
