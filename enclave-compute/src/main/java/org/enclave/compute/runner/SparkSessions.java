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
        if (isLocal(master)) {
            // Spark's default of 200 shuffle partitions is sized for clusters: in local mode each one is a
            // task (and a file per map task) even for a 1,000-row job. A few per core keeps hash maps
            // small for large inputs; adaptive execution still coalesces small ones.
            builder.config("spark.sql.shuffle.partitions", String.valueOf(SHUFFLE_PARTITIONS_PER_CORE * localCores(master)));
        } else {
            cluster(builder, master, secretFile);
        }
        return builder.getOrCreate();
    }

    static final int SHUFFLE_PARTITIONS_PER_CORE = 4;

    /** The worker threads of a {@code local}, {@code local[N]}, {@code local[*]} or {@code local[N,F]} master. */
    static int localCores(String master) {
        int open = master.indexOf('[');
        if (!master.startsWith("local[") || open < 0) {
            return 1;
        }
        String inside = master.substring(open + 1, master.length() - 1).split(",")[0].strip();
        if (inside.equals("*")) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            return Math.max(1, Integer.parseInt(inside));
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
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
