package org.enclave.compute.runner;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;

/**
 * Enforces a job's time limit: when it expires, every running Spark job of the session is cancelled
 * and the runner reports {@code timeout}. The limit runs from the start of the job, so Spark start-up
 * and view creation count too.
 *
 * <p>Cancellation is cooperative: a task stuck outside Spark's interruption points (or a driver
 * blocked in a start-up or a listing) may never return. If the job has not finished {@code graceMillis}
 * after the cancellation, {@code onStuck} runs on the timer's thread: the runner writes the timeout
 * report and ends the process.
 */
final class JobTimer implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "enclave-job-timer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean expired = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicReference<SparkSession> session = new AtomicReference<>();
    private final long graceMillis;
    private final Runnable onStuck;

    JobTimer(long limitMillis, long graceMillis, Runnable onStuck) {
        this.graceMillis = graceMillis;
        this.onStuck = onStuck;
        scheduler.schedule(this::expire, limitMillis, TimeUnit.MILLISECONDS);
    }

    /** The SparkSession's jobs are cancelled on expiry (also if it is already past). */
    void watch(SparkSession spark) {
        session.set(spark);
        if (expired.get()) {
            spark.sparkContext().cancelAllJobs();
        }
    }

    boolean expired() {
        return expired.get();
    }

    /** The job's work is over (whatever its outcome): the stuck handler will not run. */
    void finish() {
        finished.set(true);
    }

    private void expire() {
        expired.set(true);
        SparkSession spark = session.get();
        if (spark != null) {
            spark.sparkContext().cancelAllJobs();
        }
        scheduler.schedule(() -> {
            if (!finished.get()) {
                onStuck.run();
            }
        }, graceMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        finish();
        scheduler.shutdownNow();
    }
}
