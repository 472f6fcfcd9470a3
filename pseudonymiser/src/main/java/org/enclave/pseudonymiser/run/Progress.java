package org.enclave.pseudonymiser.run;

import java.util.concurrent.atomic.AtomicLong;

/** Live counters of a run, read by the CLI's progress bar. */
public final class Progress {
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong rowsRead = new AtomicLong();
    final AtomicLong rowsDone = new AtomicLong();
    volatile long totalBytes = -1;
    volatile long totalRows = -1;
    volatile long startNanos = System.nanoTime();

    public long rowsDone() {
        return rowsDone.get();
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** Fraction of the input consumed, 0..1, or -1 when unknown. */
    public double fraction() {
        if (totalRows > 0) {
            return Math.min(1.0, rowsRead.get() / (double) totalRows);
        }
        if (totalBytes > 0) {
            return Math.min(1.0, bytesRead.get() / (double) totalBytes);
        }
        return -1;
    }
}
