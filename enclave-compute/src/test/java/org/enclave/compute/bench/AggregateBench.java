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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.enclave.compute.aggregate.EnclaveStatements;
import org.enclave.compute.aggregate.SortedUnitStatistics;
import org.enclave.compute.job.JobReport;
import org.enclave.compute.job.JobSpecParser;
import org.enclave.compute.runner.JobRunner;
import org.enclave.compute.runner.SparkSessions;
import org.enclave.compute.job.TableSpec;
import org.enclave.compute.views.GrantedViews;
import org.enclave.compute.views.ProjectPseudonyms;
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
    static final int RUNS = Integer.getInteger("bench.runs", 2);
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SQL = "SELECT pid, region, age_band, cost FROM stays";
    static final String BANDS = "SELECT pid, region, CASE WHEN age_band < 20 THEN 'under 20' WHEN age_band < 60 THEN '20-59'"
            + " ELSE '60 and over' END AS age_band, cost FROM stays";
    static final String KEY_B64 = Base64.getEncoder().encodeToString(new byte[32]);

    /**
     * csns: 32 random-looking bytes per person ({@code unhex(sha2(...))}); 10 rows per person; region: 13
     * values, fixed per person; age_band: 20 values, a quarter of a person's rows in the next band; cost: double.
     * Rows in generation order: a lake that is not in CSNS order.
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

    /**
     * The same rows in the pseudonymiser's layout (docs/pseudonymiser.md): parts covering disjoint CSNS
     * ranges, each sorted by CSNS.
     */
    static Path sortedLake(SparkSession spark, int rows) {
        Path path = TARGET.resolve("bench-lake/stays-csns-order-" + rows);
        if (!Files.isDirectory(path)) {
            spark.read().parquet(lake(spark, rows).toString()).repartitionByRange(Math.max(1, rows / 625_000),
                    org.apache.spark.sql.functions.col("csns")).sortWithinPartitions("csns").write().parquet(path.toString());
        }
        return path;
    }

    static String spec(Path lake, Path out, boolean margins) {
        return spec(lake, out, margins, SQL);
    }

    static String spec(Path lake, Path out, boolean margins, String sql) {
        return """
                {"specVersion": 1,
                 "tables": [{"name": "stays", "path": "%s", "columns": ["csns", "region", "age_band", "cost"]}],
                 "sql": "%s",
                 "output": {"kind": "aggregate", "unit": "pid", "groupBy": ["region", "age_band"],
                            "measures": [{"fn": "count"}, {"fn": "sum", "column": "cost"}], "margins": %s},
                 "policy": "standard",
                 "limits": {"seconds": 3600, "maxRows": 100},
                 "outputDir": "%s"}
                """.formatted(lake.toUri(), sql, margins, out);
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

    /** A measurement: best wall and best process CPU time (all of Spark's local threads) over the rounds. */
    record Measure(String name, Runnable work, long[] best) {
        Measure(String name, Runnable work) {
            this(name, work, new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
        }

        void run() {
            long cpu = cpuNanos();
            long wall = System.nanoTime();
            work.run();
            best[0] = Math.min(best[0], (System.nanoTime() - wall) / 1_000_000);
            best[1] = Math.min(best[1], (cpuNanos() - cpu) / 1_000_000);
        }
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Every query once as a warm-up, then {@link #RUNS} rounds with the queries interleaved (so that a
     * burst of load from other processes hits them all alike); best wall time and best CPU time of each.
     * On a shared machine the CPU times are the steadier figures.
     */
    @Test
    void aggregateJobAgainstBareGroupBy() throws Exception {
        SparkSession spark = SparkSessions.start("local[2]");
        try {
            Path lake = sortedLake(spark, ROWS);
            Path unsorted = lake(spark, ROWS);
            spark.read().parquet(lake.toString()).createOrReplaceTempView("bare");
            // The lake with the project pseudonym, as a job's view holds it when the pid is not an opaque unit.
            GrantedViews.register(spark, List.of(new TableSpec("pidstays", lake.toUri().toString(),
                    List.of("csns", "region", "age_band", "cost"))), ProjectPseudonyms.forProjectKey(key()));
            List<JsonNode> executions = new ArrayList<>();
            List<String> dims = List.of("region", "age_band");
            String statistics = EnclaveStatements.cells(dims, "pid", Optional.of("cost"), true);
            List<Measure> measures = List.of(
                    new Measure("bare GROUP BY region, age_band (count, sum)",
                            () -> spark.sql("SELECT region, age_band, count(*), sum(cost) FROM bare GROUP BY region, age_band").collectAsList()),
                    new Measure("bare GROUP BY CUBE (margins)",
                            () -> spark.sql("SELECT region, age_band, count(*), sum(cost) FROM bare GROUP BY CUBE(region, age_band)").collectAsList()),
                    new Measure("bare GROUP BY that also reads the CSNS column (sum of its lengths)",
                            () -> spark.sql("SELECT region, age_band, count(*), sum(cost), sum(length(csns)) FROM bare"
                                    + " GROUP BY region, age_band").collectAsList()),
                    new Measure("bare GROUP BY + the pid HMAC of every row",
                            () -> spark.sql("SELECT region, age_band, count(*), sum(cost), count(pid) FROM pidstays GROUP BY region, age_band")
                                    .collectAsList()),
                    new Measure("HMAC, shuffle by 64-bit unit key, GROUP BY cell, unit",
                            () -> spark.sql("SELECT count(*) FROM (SELECT region, age_band, u, sum(cost) FROM"
                                    + " (SELECT /*+ REPARTITION(u) */ region, age_band, cost, xxhash64(pid) AS u FROM pidstays)"
                                    + " GROUP BY region, age_band, u)").collectAsList()),
                    new Measure("statistics by hand over the pid, the shuffle statement (64-bit key, one shuffle by unit)",
                            () -> {
                                spark.sql("SELECT pid, region, age_band, cost FROM pidstays").createOrReplaceTempView("__enclave_result");
                                spark.sql(statistics).collectAsList();
                            }),
                    new Measure("the rows reader's scan alone: the job's columns as rows, in file order, no statistics",
                            () -> spark.sql("SELECT CAST(region AS STRING), CAST(age_band AS STRING), CAST(cost AS DOUBLE), csns FROM bare")
                                    .queryExecution().toRdd().count()),
                    new Measure("enclave aggregate job, lake in CSNS order (guard, views, statistics, rules, outputs)",
                            () -> executions.add(job(spark, lake, "sorted", SQL))),
                    new Measure("the same job with a computed dimension, lower(region) (column batches)",
                            () -> executions.add(job(spark, lake, "lower", "SELECT pid, lower(region) AS region, age_band, cost FROM stays"))),
                    new Measure("the same job with a computed dimension, a CASE WHEN on age_band (column batches)",
                            () -> executions.add(job(spark, lake, "case", BANDS))),
                    new Measure("the same, read as rows (-Denclave.compute.columnBatches=false)", () -> {
                        System.setProperty(SortedUnitStatistics.COLUMN_BATCHES_PROPERTY, "false");
                        try {
                            executions.add(job(spark, lake, "case-rows", BANDS));
                        } finally {
                            System.clearProperty(SortedUnitStatistics.COLUMN_BATCHES_PROPERTY);
                        }
                    }),
                    new Measure("enclave aggregate job, lake not in CSNS order", () -> executions.add(job(spark, unsorted, "unsorted", SQL))));
            for (Measure m : measures) {
                m.run(); // warm-up
            }
            for (Measure m : measures) {
                m.best[0] = Long.MAX_VALUE;
                m.best[1] = Long.MAX_VALUE;
            }
            executions.clear();
            for (int round = 0; round < RUNS; round++) {
                for (Measure m : measures) {
                    m.run();
                }
            }
            long[] bare = measures.get(0).best();
            System.out.printf(Locale.ROOT, "%naggregate bench: %,d rows, %,d persons, local[2], best of %d interleaved rounds%n",
                    ROWS, PERSONS, RUNS);
            System.out.printf(Locale.ROOT, "  %-90s %8s %6s %8s %6s%n", "", "wall ms", "ratio", "cpu ms", "ratio");
            for (Measure m : measures) {
                System.out.printf(Locale.ROOT, "  %-90s %8d %6.2f %8d %6.2f%n", m.name(), m.best()[0], (double) m.best()[0] / bare[0],
                        m.best()[1], (double) m.best()[1] / bare[1]);
            }
            System.out.println("  jobs (phases in ms, how the statistics were computed): " + executions);
        } finally {
            spark.stop();
        }
    }

    static ProjectKeyInput key() {
        return ProjectKeyInput.read(new ByteArrayInputStream(KEY_B64.getBytes(StandardCharsets.US_ASCII)));
    }

    static JsonNode job(SparkSession spark, Path lake, String name, String sql) {
        try {
            Path out = TARGET.resolve("bench-out/job-" + name);
            JobReport report = new JobRunner(() -> spark, ProjectPseudonyms::forProjectKey).run(JobSpecParser.parse(spec(lake, out, true, sql)),
                    key());
            if (report.error() != null) {
                throw new IllegalStateException(report.error().toString());
            }
            var node = JSON.createObjectNode();
            node.set("phasesMs", report.toJson().at("/timings/phasesMs"));
            node.set("execution", report.toJson().at("/output/execution"));
            return node;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A whole {@code run} process for a small job against a bare Spark process doing one trivial query,
     * each without and with a class-data-sharing archive (as {@code bin/enclave-compute} uses one), plus
     * the job with code generation on whatever the input size (as before the small-input settings), all
     * interleaved in every round; best of {@link #RUNS}. The archive is made here by the launcher's
     * own training run ({@code ClassArchiveTraining}) on the same class path, which holds only jars (the
     * JVM archives no class from a directory): directories of the test class path are packed into jars
     * under {@code target/bench-out/cold-cp/} first.
     */
    @Test
    void coldStart() throws Exception {
        Path lake;
        SparkSession spark = SparkSessions.start("local[2]");
        try {
            lake = sortedLake(spark, 1000);
        } finally {
            spark.stop();
        }
        Path spec = TARGET.resolve("bench-out/cold-spec.json");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, spec(lake, TARGET.resolve("bench-out/cold"), true));
        Path archive = TARGET.resolve("bench-out/cold.jsa");
        Files.deleteIfExists(archive);
        List<String> jvm = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        jvm.addAll(List.of(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions().split(" ")));
        jvm.addAll(List.of("-cp", jarClassPath(TARGET.resolve("bench-out/cold-cp"))));
        List<String> quiet = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Xlog:class+path=off");
        List<String> training = new ArrayList<>(jvm.subList(0, jvm.size() - 2));
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        training.addAll(quiet);
        training.addAll(jvm.subList(jvm.size() - 2, jvm.size()));
        training.add(org.enclave.compute.cli.ClassArchiveTraining.class.getName());
        long tTraining = process(training);
        List<String> shared = new ArrayList<>(jvm.subList(0, jvm.size() - 2));
        shared.add("-XX:SharedArchiveFile=" + archive);
        shared.addAll(quiet);
        shared.addAll(jvm.subList(jvm.size() - 2, jvm.size()));
        Path jobReport = TARGET.resolve("bench-out/cold/report.json");
        // Five processes per round: bare, the job as before (code generation whatever the input size, no
        // archive), the job, then bare and the job with the archive.
        List<String> names = List.of("bare", "job, code generation on (as before)", "job", "bare, archive", "job, archive");
        List<List<String>> commands = new ArrayList<>();
        for (List<String> base : List.of(jvm, shared)) {
            List<String> bare = new ArrayList<>(base);
            bare.addAll(List.of(BenchMain.class.getName(), "bare", lake.toString()));
            commands.add(bare);
            if (base == jvm) {
                List<String> before = new ArrayList<>(base);
                before.add(before.size() - 2, "-D" + SparkSessions.SMALL_INPUT_PROPERTY + "=0");
                before.addAll(List.of(BenchMain.class.getName(), "job", spec.toString()));
                commands.add(before);
            }
            List<String> job = new ArrayList<>(base);
            job.addAll(List.of(BenchMain.class.getName(), "job", spec.toString()));
            commands.add(job);
        }
        process(commands.get(0)); // warm the page cache for all
        double loadBefore = loadAverage();
        long[] best = new long[commands.size()];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        JsonNode[] phases = new JsonNode[commands.size()];
        for (int i = 0; i < RUNS; i++) {
            for (int c = 0; c < commands.size(); c++) {
                best[c] = Math.min(best[c], process(commands.get(c)));
                if (names.get(c).startsWith("job")) {
                    phases[c] = JSON.readTree(jobReport.toFile()).at("/timings/phasesMs");
                }
            }
        }
        System.out.printf(Locale.ROOT, "%ncold start, whole JVM process, local[2], best of %d (load average %.2f before, %.2f after)%n",
                RUNS, loadBefore, loadAverage());
        System.out.println("  bare: Spark session + one trivial query (count of a 1,000-row Parquet); job: enclave-compute run,"
                + " small aggregate job (1,000 rows, 2 dimensions, margins, standard policy)");
        for (int c = 0; c < commands.size(); c++) {
            long bare = c < 3 ? best[0] : best[3];
            System.out.printf(Locale.ROOT, "  %-40s %7d ms%s%n", names.get(c), best[c], c == 0 || c == 3 ? ""
                    : String.format(Locale.ROOT, "   adds %5d ms over bare (ratio %.2f)   last phases %s", best[c] - bare,
                    (double) best[c] / bare, phases[c]));
        }
        System.out.println("  archive training run " + tTraining + " ms, archive " + Files.size(archive) / (1 << 20) + " MiB");
    }

    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** This JVM's class path with every directory packed into a jar (a class-data-sharing archive needs jars). */
    static String jarClassPath(Path folder) throws java.io.IOException {
        Files.createDirectories(folder);
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isDirectory(path)) {
                entries.add(entry);
                continue;
            }
            Path jar = folder.resolve("dir-" + n++ + ".jar");
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                 var files = Files.walk(path)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new java.util.jar.JarEntry(path.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            entries.add(jar.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
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
