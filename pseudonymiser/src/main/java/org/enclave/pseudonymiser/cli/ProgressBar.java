package org.enclave.pseudonymiser.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.enclave.pseudonymiser.run.Progress;

/**
 * A one-line progress display on stderr (rows, rows/s, ETA; then sorted parts written), redrawn twice a second.
 * Shows counts only. The rate is of rows read and transformed, over the whole elapsed time.
 */
final class ProgressBar implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stop;

    ProgressBar(Progress progress, PrintWriter err) {
        thread = new Thread(() -> {
            while (!stop) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                if (!stop) {
                    err.print("\r" + line(progress) + "   ");
                    err.flush();
                }
            }
        }, "pseudonymiser-progress");
        thread.setDaemon(true);
        thread.start();
    }

    static String line(Progress p) {
        double secs = p.elapsedNanos() / 1e9;
        long rows = p.rowsDone();
        double rate = secs > 0 ? rows / secs : 0;
        double f = p.fraction();
        StringBuilder sb = new StringBuilder();
        if (f >= 0) {
            int width = 24;
            int filled = (int) Math.round(f * width);
            sb.append('[').append("=".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
            sb.append(String.format(Locale.ROOT, "%3.0f%% ", f * 100));
        }
        sb.append(String.format(Locale.ROOT, "%,d rows  %s rows/s", rows, human(rate)));
        if (p.writingParts()) {
            sb.append(String.format(Locale.ROOT, "  sorted parts %d/%d", p.partsDone(), p.partsTotal()));
        }
        if (f > 0.01 && f < 1) {
            long eta = Math.round(secs * (1 - f) / f);
            sb.append(String.format(Locale.ROOT, "  ETA %d:%02d", eta / 60, eta % 60));
        }
        return sb.toString();
    }

    static String human(double rate) {
        if (rate >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", rate / 1e6);
        }
        if (rate >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k", rate / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", rate);
    }

    @Override
    public void close() {
        stop = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
