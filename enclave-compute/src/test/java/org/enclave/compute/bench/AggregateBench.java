package org.enclave.compute.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.enclave.compute.job.JobReport;
import org.enclave.compute.job.JobSpecParser;
import org.enclave.compute.runner.JobRunner;
import org.enclave.compute.runner.SparkSessions;
import org.enclave.compute.views.HmacPids;
import org.enclave.compute.views.ProjectKeyInput;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmarks of enclave-compute (docs/compute.md, "Measured"); figures and ratios from the same run.
 *
 * <pre>./mvnw -B -Pbench -pl enclave-compute -am test -Dtest=AggregateBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * The 10-million-row table is generated once under {@code enclave-compute/target/bench-lake/}.
 */
@Tag("bench")
class AggregateBench {

    static final int ROWS = Integer.getInteger("bench.rows", 10_000_000);
    static final int PERSONS = ROWS / 10;
    static final int RUNS = 2;
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY_B64 = Base64.getEncoder().encodeToString(new byte[32]);

    /**
     * csns: 32 random-looking bytes per person ({@code unhex(sha2(...))}); 10 rows per person; region: 13
     * values, fixed per person; age_band: 20 values, a quarter of a person's rows in the next band; cost: double.
     */
    static Path lake(SparkSession spark, int rows) {
        Path path = TARGET.resolve("bench-lake/stays-" + rows);
        if (!Files.isDirectory(path)) {
            spark.range(rows).selectExpr("id % " + Math.max(1, rows / 10) + " AS person", "id")
                    .selectExpr("unhex(sha2(CAST(person AS STRING), 256)) AS csns",
                            "concat('R', CAST(pmod(person * 7, 13) AS STRING)) AS region",
                            "CAST(pmod(person + CASE WHEN id % 4 = 0 THEN 1 ELSE 0 END, 20) * 5 AS INT) AS age_band",
                            "round(rand(42) * 1000, 2) AS cost")
                    .write().parquet(path.toString());
        }
        return path;
    }

    static String spec(Path lake, Path out, boolean margins) {
        return """
                {"specVersion": 1,
                 "tables": [{"name": "stays", "path": "%s", "columns": ["csns", "region", "age_band", "cost"]}],
                 "sql": "SELECT pid, region, age_band, cost FROM stays",
                 "output": {"kind": "aggregate", "unit": "pid", "groupBy": ["region", "age_band"],
                            "measures": [{"fn": "count"}, {"fn": "sum", "column": "cost"}], "margins": %s},
                 "policy": "standard",
                 "limits": {"seconds": 3600, "maxRows": 100},
                 "outputDir": "%s"}
                """.formatted(lake.toUri(), margins, out);
    }

    static long millis(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1_000_000;
    }

    static long best(int runs, Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            best = Math.min(best, millis(r));
        }
        return best;
    }

    @Test
    void aggregateJobAgainstBareGroupBy() throws Exception {
        SparkSession spark = SparkSessions.start("local[2]");
        try {
            long gen = millis(() -> lake(spark, ROWS));
            Path lake = lake(spark, ROWS);
            // Bare GROUP BY over the same Parquet (runSQLOnFiles is off in the job session: read it as a view).
            spark.read().parquet(lake.toString()).createOrReplaceTempView("bare");
            Runnable bare = () -> spark.sql("SELECT region, age_band, count(*), sum(cost) FROM bare GROUP BY region, age_band")
                    .collectAsList();
            Runnable bareCube = () -> spark.sql("SELECT region, age_band, count(*), sum(cost) FROM bare GROUP BY CUBE(region, age_band)")
                    .collectAsList();
            Runnable bareDistinct = () -> spark.sql("SELECT region, age_band, count(*), sum(cost), count(DISTINCT csns) FROM bare"
                    + " GROUP BY CUBE(region, age_band)").collectAsList();
            List<JsonNode> phases = new ArrayList<>();
            Supplier<SparkSession> same = () -> spark;
            Runnable job = () -> {
                try {
                    Path out = TARGET.resolve("bench-out/job");
                    JobReport report = new JobRunner(same, HmacPids.factory()).run(JobSpecParser.parse(spec(lake, out, true)),
                            ProjectKeyInput.read(new ByteArrayInputStream(KEY_B64.getBytes(StandardCharsets.US_ASCII))));
                    if (report.error() != null) {
                        throw new IllegalStateException(report.error().toString());
                    }
                    phases.add(report.toJson().at("/timings/phasesMs"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            bare.run(); // warm-up: JIT, file listing, Parquet footers
            job.run();
            phases.clear();
            long tBare = best(RUNS, bare);
            long tCube = best(RUNS, bareCube);
            long tDistinct = best(RUNS, bareDistinct);
            long tJob = best(RUNS, job);
            // After the job, its view "stays" (granted columns, csns -> pid) is registered in this session.
            Runnable withPid = () -> spark.sql("SELECT region, age_band, count(*), sum(cost), count(pid) FROM stays"
                    + " GROUP BY region, age_band").collectAsList();
            Runnable perUnit = () -> spark.sql("SELECT count(*) FROM (SELECT region, age_band, pid, sum(cost) FROM stays"
                    + " GROUP BY region, age_band, pid)").collectAsList();
            long tPid = best(RUNS, withPid);
            long tUnit = best(RUNS, perUnit);
            System.out.printf(Locale.ROOT, "%naggregate bench: %,d rows, %,d persons, local[2], best of %d (lake generated in %d ms)%n",
                    ROWS, PERSONS, RUNS, gen);
            System.out.printf(Locale.ROOT, "  bare GROUP BY region, age_band (count, sum)          %6d ms   1.00%n", tBare);
            System.out.printf(Locale.ROOT, "  bare GROUP BY CUBE (margins)                          %6d ms   %.2f%n", tCube, (double) tCube / tBare);
            System.out.printf(Locale.ROOT, "  bare CUBE + count(DISTINCT csns)                      %6d ms   %.2f%n", tDistinct, (double) tDistinct / tBare);
            System.out.printf(Locale.ROOT, "  bare GROUP BY + the pid HMAC of every row             %6d ms   %.2f%n", tPid, (double) tPid / tBare);
            System.out.printf(Locale.ROOT, "  GROUP BY region, age_band, pid (one row per cell and unit) %6d ms   %.2f%n", tUnit, (double) tUnit / tBare);
            System.out.printf(Locale.ROOT, "  enclave aggregate job (pid HMAC, units, top-2, margins, rules, outputs) %6d ms   %.2f%n",
                    tJob, (double) tJob / tBare);
            System.out.println("  job phases (ms): " + phases);
        } finally {
            spark.stop();
        }
    }

    /** A whole {@code run} process for a small job against a bare Spark process doing one trivial query. */
    @Test
    void coldStart() throws Exception {
        Path lake;
        SparkSession spark = SparkSessions.start("local[2]");
        try {
            lake = lake(spark, 1000);
        } finally {
            spark.stop();
        }
        Path spec = TARGET.resolve("bench-out/cold-spec.json");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, spec(lake, TARGET.resolve("bench-out/cold"), true));
        List<String> jvm = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        jvm.addAll(List.of(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions().split(" ")));
        jvm.addAll(List.of("-cp", System.getProperty("java.class.path")));
        List<String> job = new ArrayList<>(jvm);
        job.addAll(List.of(BenchMain.class.getName(), "job", spec.toString()));
        List<String> bare = new ArrayList<>(jvm);
        bare.addAll(List.of(BenchMain.class.getName(), "bare", lake.toString()));
        process(bare); // warm the page cache for both
        long tBare = Long.MAX_VALUE;
        long tJob = Long.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            tBare = Math.min(tBare, process(bare));
            tJob = Math.min(tJob, process(job));
        }
        System.out.printf(Locale.ROOT, "%ncold start, whole JVM process, local[2], best of %d%n", RUNS);
        System.out.printf(Locale.ROOT, "  bare Spark session + one trivial query (count of a 1,000-row Parquet)  %6d ms%n", tBare);
        System.out.printf(Locale.ROOT, "  enclave-compute run, small aggregate job (1,000 rows, margins, rules)   %6d ms%n", tJob);
        System.out.printf(Locale.ROOT, "  the job adds %d ms (ratio %.2f)%n", tJob - tBare, (double) tJob / tBare);
    }

    static long process(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(TARGET.resolve("bench-out/cold.log").toFile()));
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        long t = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().write((KEY_B64 + "\n").getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("bench process failed, see target/bench-out/cold.log: " + String.join(" ", command.subList(command.size() - 3, command.size())));
        }
        return (System.nanoTime() - t) / 1_000_000;
    }

}
