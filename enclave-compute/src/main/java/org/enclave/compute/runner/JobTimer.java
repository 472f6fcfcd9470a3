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
 */
final class JobTimer implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "enclave-job-timer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean expired = new AtomicBoolean();
    private final AtomicReference<SparkSession> session = new AtomicReference<>();

    JobTimer(long limitMillis) {
        scheduler.schedule(this::expire, limitMillis, TimeUnit.MILLISECONDS);
    }

    /** Jobs of this session are cancelled on expiry (also if it is already past). */
    void watch(SparkSession spark) {
        session.set(spark);
        if (expired.get()) {
            spark.sparkContext().cancelAllJobs();
        }
    }

    boolean expired() {
        return expired.get();
    }

    private void expire() {
        expired.set(true);
        SparkSession spark = session.get();
        if (spark != null) {
            spark.sparkContext().cancelAllJobs();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
