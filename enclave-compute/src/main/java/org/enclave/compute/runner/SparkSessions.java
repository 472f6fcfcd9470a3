package org.enclave.compute.runner;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.enclave.compute.job.JobFailure;
import org.enclave.compute.job.JobStatus;

/** The one place that configures a job's Spark session. */
public final class SparkSessions {

    private SparkSessions() {
    }

    /** A session on {@code local[...]} (no cluster secret needed). */
    public static SparkSession start(String master) {
        return start(master, null);
    }

    /**
     * @param master     {@code local[*]}, {@code local[2]}, {@code spark://host:port}, {@code yarn}, {@code k8s://...}
     * @param secretFile for {@code spark://}: the standalone cluster's shared secret (docs/spark-cluster.md);
     *                   ignored for other masters
     * @throws JobFailure {@code cluster-secret-missing} for a {@code spark://} master without a readable secret
     */
    public static SparkSession start(String master, Path secretFile) {
        SparkSession.Builder builder = SparkSession.builder()
                .master(master)
                .appName("enclave-job")
                // IMPORTANT: defence in depth behind the guard; a job never changes these itself
                // (SET is refused) and never reads files by path from SQL.
                .config("spark.sql.runSQLOnFiles", "false")
                .config("spark.sql.variable.substitute", "false")
                .config("spark.sql.catalogImplementation", "in-memory")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC");
        if (!isLocal(master)) {
            cluster(builder, master, secretFile);
        }
        return builder.getOrCreate();
    }

    static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[") || master.startsWith("local-cluster[");
    }

    /**
     * IMPORTANT: on a cluster the pid function, which holds the project key, travels to executors inside
     * tasks, and rows travel between executors: Spark's authentication, RPC encryption and encryption of
     * local shuffle/spill files are always on. YARN and Kubernetes make a secret per application; a
     * standalone cluster has one secret shared by its daemons and applications, read from a file.
     */
    private static void cluster(SparkSession.Builder builder, String master, Path secretFile) {
        builder.config("spark.authenticate", "true")
                .config("spark.network.crypto.enabled", "true")
                .config("spark.io.encryption.enabled", "true");
        if (master.toLowerCase(Locale.ROOT).startsWith("spark://")) {
            builder.config("spark.authenticate.secret", secret(secretFile));
        }
        String jars = appJars();
        if (!jars.isEmpty()) {
            builder.config("spark.jars", jars);
        }
    }

    private static String secret(Path file) {
        if (file == null) {
            throw new JobFailure(JobStatus.FAILED, "cluster-secret-missing",
                    "a spark:// master needs --spark-secret-file (the cluster's shared secret)", null);
        }
        try {
            String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (secret.length() < 32) {
                throw new JobFailure(JobStatus.FAILED, "cluster-secret-missing",
                        "the cluster secret file holds fewer than 32 characters", null);
            }
            return secret;
        } catch (IOException e) {
            throw new JobFailure(JobStatus.FAILED, "cluster-secret-missing", "cannot read the cluster secret file", e);
        }
    }

    /**
     * The jar of enclave-compute itself (executors need its classes: the aggregator, the pid function),
     * plus any {@code spark.jars} given as a system property.
     */
    static String appJars() {
        List<String> jars = new ArrayList<>();
        String given = System.getProperty("spark.jars");
        if (given != null && !given.isBlank()) {
            jars.add(given);
        }
        try {
            var source = SparkSessions.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path self = Path.of(source.getLocation().toURI());
                if (Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
                    jars.add(self.toString());
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // No jar to ship (running from classes): the cluster must have the classes already.
        }
        return String.join(",", jars);
    }
}
