package org.enclave.compute.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.enclave.compute.runner.SparkSessions;
import org.enclave.compute.views.ProjectPseudonyms;

/**
 * The training run of {@code bin/enclave-compute}'s class-data-sharing archive (docs/compute.md, "Cold
 * start"): started once per build with {@code -XX:ArchiveClassesAtExit}, it runs one small aggregate job
 * through the real entry point, so that the archive holds the classes a job loads (Spark's start, the
 * guard, the views, the statistics, the policies, the outputs).
 *
 * <p>It reads no lake data and no project key: the table is made up here (1,000 rows in a temporary
 * folder, deleted afterwards) and the key is random and forgotten. A Java 17 dynamic archive holds class
 * metadata only, never heap objects, so nothing of the run beyond its classes reaches the archive.
 *
 * <p>{@code ClassArchiveTraining [local[2]]}; exit status 0 when the job succeeded.
 */
public final class ClassArchiveTraining {

    private ClassArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        String master = args.length > 0 ? args[0] : "local[2]";
        Path dir = Files.createTempDirectory("enclave-class-archive");
        int status;
        try {
            status = train(dir, master);
        } finally {
            delete(dir);
        }
        // A normal exit: the JVM writes the archive only then.
        System.exit(status);
    }

    static int train(Path dir, String master) throws IOException {
        Path lake = dir.resolve("lake");
        SparkSession spark = SparkSessions.start(master);
        // The shape of a pseudonymised lake table: csns binary (32 bytes), two quasi-identifiers, a measure.
        spark.range(1000).selectExpr("id % 100 AS person", "id")
                .selectExpr("unhex(sha2(CAST(person AS STRING), 256)) AS csns",
                        "concat('R', CAST(pmod(person * 7, 13) AS STRING)) AS region",
                        "CAST(pmod(person + CASE WHEN id % 4 = 0 THEN 1 ELSE 0 END, 20) * 5 AS INT) AS age_band",
                        "round(rand(42) * 1000, 2) AS cost")
                .write().parquet(lake.toString());
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, """
                {"specVersion": 1,
                 "tables": [{"name": "stays", "path": "%s", "columns": ["csns", "region", "age_band", "cost"]}],
                 "sql": "SELECT pid, region, age_band, cost FROM stays WHERE cost >= 0",
                 "output": {"kind": "aggregate", "unit": "pid", "groupBy": ["region", "age_band"],
                            "measures": [{"fn": "count"}, {"fn": "sum", "column": "cost"}], "margins": true},
                 "policy": "standard",
                 "limits": {"seconds": 600, "maxRows": 100},
                 "outputDir": "%s"}
                """.formatted(lake.toUri(), dir.resolve("out").toString().replace("\\", "\\\\")), StandardCharsets.UTF_8);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        byte[] keyLine = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        java.util.Arrays.fill(key, (byte) 0);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        return ComputeCli.execute(new String[] {"run", "--spec", spec.toString(), "--master", master},
                new ByteArrayInputStream(keyLine), quiet, System.err, ProjectPseudonyms::forProjectKey);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
