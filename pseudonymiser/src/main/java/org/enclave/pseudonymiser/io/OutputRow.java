package org.enclave.pseudonymiser.io;

import java.util.Arrays;
import org.apache.parquet.io.api.Binary;

/** One output row, reused by a worker: per output column a presence flag and a long or binary value. */
public final class OutputRow {
    final boolean[] present;
    final long[] longs;
    final Binary[] binaries;

    public OutputRow(int columns) {
        present = new boolean[columns];
        longs = new long[columns];
        binaries = new Binary[columns];
    }

    public void clear() {
        Arrays.fill(present, false);
        Arrays.fill(binaries, null);
    }

    public void setLong(int column, long value) {
        present[column] = true;
        longs[column] = value;
    }

    /** The bytes may be reused by the caller after the row is written (Parquet copies what it keeps). */
    public void setBinary(int column, Binary value) {
        present[column] = true;
        binaries[column] = value;
    }

    public void setNull(int column) {
        present[column] = false;
    }
}
