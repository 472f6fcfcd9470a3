package org.enclave.pseudonymiser.io;

/** Records read from a Parquet input, each value already rendered as UTF-8 text (null = missing). */
final class ParquetBatch implements RecordBatch {
    private static final byte[] EMPTY = new byte[0];
    private final byte[][][] rows;
    private final int size;
    private final long firstRow;

    ParquetBatch(byte[][][] rows, int size, long firstRow) {
        this.rows = rows;
        this.size = size;
        this.firstRow = firstRow;
    }

    @Override
    public long firstRow() {
        return firstRow;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int fields(int i, int expected, FieldBuffer out) {
        out.reset();
        byte[][] row = rows[i];
        for (int c = 0; c < row.length; c++) {
            byte[] v = row[c];
            out.set(c, v == null ? EMPTY : v, 0, v == null ? 0 : v.length);
        }
        out.count = row.length;
        return row.length == expected ? OK : COLUMN_COUNT;
    }
}
