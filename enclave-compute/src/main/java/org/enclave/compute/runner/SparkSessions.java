package org.enclave.compute.runner;

import org.apache.spark.sql.SparkSession;

/** The one place that configures a job's Spark session. */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * @param master {@code local[*]}, {@code local[2]}, {@code spark://host:port}...
     */
    public static SparkSession start(String master) {
        return SparkSession.builder()
                .master(master)
                .appName("enclave-job")
                // IMPORTANT: defence in depth behind the guard; a job never changes these itself
                // (SET is refused) and never reads files by path from SQL.
                .config("spark.sql.runSQLOnFiles", "false")
                .config("spark.sql.variable.substitute", "false")
                .config("spark.sql.catalogImplementation", "in-memory")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }
}
