package org.enclave.pseudonymiser.io;

/** Records of a CSV chunk: one shared byte array and the start/end of each record (end excludes the newline). */
final class CsvBatch implements RecordBatch {
    private final byte[] data;
    private final int[] starts;
    private final int[] ends;
    private final int size;
    private final long firstRow;
    private final byte delimiter;
    private final byte quote;

    CsvBatch(byte[] data, int[] starts, int[] ends, int size, long firstRow, byte delimiter, byte quote) {
        this.data = data;
        this.starts = starts;
        this.ends = ends;
        this.size = size;
        this.firstRow = firstRow;
        this.delimiter = delimiter;
        this.quote = quote;
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
        return split(data, starts[i], ends[i], delimiter, quote, expected, out);
    }

    /** RFC 4180 field splitting of {@code data[start, end)}; a trailing CR is dropped. */
    static int split(byte[] data, int start, int end, byte delimiter, byte quote, int expected, FieldBuffer out) {
        out.reset();
        if (end > start && data[end - 1] == '\r') {
            end--;
        }
        int p = start;
        int n = 0;
        int capacity = out.src.length;
        while (true) {
            if (n == capacity) {
                return COLUMN_COUNT;
            }
            if (p < end && data[p] == quote) {
                int q = p + 1;
                boolean escaped = false;
                while (true) {
                    if (q >= end) {
                        return BAD_QUOTING;
                    }
                    if (data[q] == quote) {
                        if (q + 1 < end && data[q + 1] == quote) {
                            escaped = true;
                            q += 2;
                            continue;
                        }
                        break;
                    }
                    q++;
                }
                if (escaped) {
                    out.setUnescaped(n, data, p + 1, q, quote);
                } else {
                    out.set(n, data, p + 1, q - p - 1);
                }
                p = q + 1;
                if (p < end && data[p] != delimiter) {
                    return BAD_QUOTING;
                }
            } else {
                int q = p;
                while (q < end) {
                    byte b = data[q];
                    if (b == delimiter) {
                        break;
                    }
                    if (b == quote) {
                        return BAD_QUOTING;
                    }
                    q++;
                }
                out.set(n, data, p, q - p);
                p = q;
            }
            n++;
            if (p >= end) {
                break;
            }
            p++; // the delimiter
            if (p == end) {
                if (n == capacity) {
                    return COLUMN_COUNT;
                }
                out.set(n++, data, p, 0);
                break;
            }
        }
        out.count = n;
        return n == expected ? OK : COLUMN_COUNT;
    }
}
