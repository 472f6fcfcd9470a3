package org.enclave.compute.runner;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
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

    /**
     * Inputs below this many bytes of Parquet (all tables together) get {@link #SMALL_INPUT_SETTINGS}; the
     * system property {@value #SMALL_INPUT_PROPERTY} overrides it ({@code 0}: never).
     */
    public static final long SMALL_INPUT_BYTES = 64L << 20;
    public static final String SMALL_INPUT_PROPERTY = "enclave.compute.smallInputBytes";

    /**
     * Session settings for a job whose tables hold fewer than {@link #SMALL_INPUT_BYTES} bytes in all: no
     * whole-stage code generation and interpreted expressions (docs/compute.md, "Cold start"). In a fresh
     * process, Janino's compilation of the generated classes (and the JIT work on Janino itself) costs more
     * than interpreting a few thousand rows; measured, it saved about 2 s of CPU of a 1,000-row aggregate
     * job, and made no difference beyond the noise at 62 MB and 153 MB, where reading, the pid HMAC and the
     * shuffles dominate. {@code spark.sql.codegen.factoryMode} is one of Spark's internal settings: the
     * interpreted implementations it selects are the ones Spark itself falls back to when code generation
     * fails.
     */
    static final Map<String, String> SMALL_INPUT_SETTINGS = Map.of(
            "spark.sql.codegen.wholeStage", "false",
            "spark.sql.codegen.factoryMode", "NO_CODEGEN");

    /** Whether an input of {@code inputBytes} ({@code -1}: unknown, counted as large) is below {@code threshold}. */
    static boolean isSmall(long inputBytes, long threshold) {
        return inputBytes >= 0 && inputBytes < threshold;
    }

    static long smallInputBytes() {
        return Long.getLong(SMALL_INPUT_PROPERTY, SMALL_INPUT_BYTES);
    }

    /**
     * Configures the session for the size of the job's input, before its first query: {@link
     * #SMALL_INPUT_SETTINGS} below {@link #SMALL_INPUT_BYTES} (or {@value #SMALL_INPUT_PROPERTY}), Spark's defaults otherwise (also on a
     * session that an earlier job in the same JVM had set for a small input).
     *
     * @param locations the lake locations of the job's tables
     * @return the input size counted, at most just past the threshold; {@code -1} if unknown
     */
    public static long sizeForInput(SparkSession spark, List<String> locations) {
        Configuration conf = ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().newHadoopConf();
        long threshold = smallInputBytes();
        long bytes = inputBytes(conf, locations, threshold);
        boolean small = isSmall(bytes, threshold);
        SMALL_INPUT_SETTINGS.forEach((key, value) -> {
            if (small) {
                spark.conf().set(key, value);
            } else {
                spark.conf().unset(key);
            }
        });
        return bytes;
    }

    /**
     * The bytes of the Parquet files under the locations, counted as the job's reader lists them (files
     * named {@code *.parquet}, not hidden, recursively), stopping as soon as the count reaches {@code limit}: a large
     * lake is not listed to the end.
     *
     * @return the count (at least {@code limit} means "{@code limit} or more"), or {@code -1} when a
     *         location cannot be listed (the job's own read then reports the problem)
     */
    static long inputBytes(Configuration conf, List<String> locations, long limit) {
        long bytes = 0;
        try {
            for (String location : locations) {
                org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
                FileSystem fs = path.getFileSystem(conf);
                RemoteIterator<LocatedFileStatus> files = fs.listFiles(path, true);
                while (files.hasNext() && bytes < limit) {
                    LocatedFileStatus file = files.next();
                    String name = file.getPath().getName();
                    if (name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".")) {
                        bytes += file.getLen();
                    }
                }
                if (bytes >= limit) {
                    return bytes;
                }
            }
            return bytes;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

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
