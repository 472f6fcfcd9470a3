package org.enclave.pseudonymiser.run;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of a run, read by the CLI's progress bar. A run has two stages: reading and transforming the
 * input (rows done), then sorting and writing the parts (rows written).
 */
public final class Progress {
    /**
     * Share of the run's time spent in the first stage, for {@link #fraction()}: measured on the benchmark
     * (docs/pseudonymiser.md, "Figures"), where reading and transforming took 45-50 % of the wall time.
     */
    static final double FIRST_STAGE_SHARE = 0.45;

    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong rowsRead = new AtomicLong();
    final AtomicLong rowsDone = new AtomicLong();
    final AtomicLong rowsWritten = new AtomicLong();
    final AtomicInteger partsDone = new AtomicInteger();
    volatile long totalBytes = -1;
    volatile long totalRows = -1;
    volatile long rowsToWrite = -1;
    volatile int partsTotal = -1;
    volatile long startNanos = System.nanoTime();
    /** Whether the run has one stage only (layout {@code input}: no parts to sort and write after it). */
    volatile boolean oneStage;

    public long rowsDone() {
        return rowsDone.get();
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** Whether the run is writing its sorted parts (the second stage). */
    public boolean writingParts() {
        return partsTotal >= 0;
    }

    public int partsDone() {
        return partsDone.get();
    }

    public int partsTotal() {
        return partsTotal;
    }

    void startWriting(long rows, int parts) {
        rowsToWrite = rows;
        partsTotal = parts;
    }

    /** Fraction of the run done, 0..1, or -1 when unknown. */
    public double fraction() {
        double read;
        if (totalRows > 0) {
            read = Math.min(1.0, rowsRead.get() / (double) totalRows);
        } else if (totalBytes > 0) {
            read = Math.min(1.0, bytesRead.get() / (double) totalBytes);
        } else {
            return -1;
        }
        if (oneStage) {
            return read;
        }
        if (!writingParts()) {
            return read * FIRST_STAGE_SHARE;
        }
        double written = rowsToWrite > 0 ? Math.min(1.0, rowsWritten.get() / (double) rowsToWrite) : 1.0;
        return FIRST_STAGE_SHARE + (1 - FIRST_STAGE_SHARE) * written;
    }
}
