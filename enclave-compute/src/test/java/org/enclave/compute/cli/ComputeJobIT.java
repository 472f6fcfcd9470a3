package org.enclave.compute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.enclave.compute.aggregate.EnclaveStatements;
import org.enclave.compute.job.JobFailure;
import org.enclave.compute.job.JobStatus;
import org.enclave.compute.job.TableSpec;
import org.enclave.compute.runner.SparkSessions;
import org.enclave.compute.views.GrantedViews;
import org.enclave.compute.views.HmacPids;
import org.enclave.compute.views.ProjectKeyInput;
import org.enclave.compute.views.ScanCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, in process: a tiny pseudonymised table written by Spark, jobs run through the CLI entry
 * point on one shared local[2] session, reports and outputs checked.
 */
public class ComputeJobIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] KEY = new byte[32];
    public static final String KEY_B64;

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (255 - i);
        }
        KEY_B64 = Base64.getEncoder().encodeToString(KEY);
    }

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path stays;
    static Path visits;

    static byte[] csns(String unit) {
        return HmacPids.hmac("master".getBytes(StandardCharsets.US_ASCII), unit.getBytes(StandardCharsets.US_ASCII));
    }

    @BeforeAll
    static void writeLake() {
        spark = SparkSessions.start("local[2]");
        StructType schema = new StructType()
                .add("csns", DataTypes.BinaryType)
                .add("region", DataTypes.StringType)
                .add("age_band", DataTypes.IntegerType)
                .add("cost", DataTypes.DoubleType)
                .add("secret", DataTypes.StringType);
        List<Row> rows = List.of(
                RowFactory.create(csns("A"), "North", 45, 100.0, "s"),
                RowFactory.create(csns("A"), "South", 45, 50.0, "s"),
                RowFactory.create(csns("B"), "North", 50, 200.0, "s"),
                RowFactory.create(csns("B"), "North", 50, -20.0, "s"),
                RowFactory.create(csns("C"), "South", 60, 300.0, "s"),
                RowFactory.create(csns("D"), "North", 30, 1000.0, "s"),
                RowFactory.create(csns("E"), "South", 70, null, "s"),
                RowFactory.create(csns("F"), "South", 40, -500.0, "s"));
        stays = dir.resolve("lake/stays/v1");
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(stays.toString());
        visits = writeVisits(spark, dir.resolve("lake/visits/v1"));
    }

    /**
     * A table built for known disclosure verdicts under the standard tier (threshold 10): North 12
     * persons, South 15, East 3 (under the threshold); every person one visit of cost 100, so no
     * dominance, no negative, no missing value.
     */
    public static Path writeVisits(SparkSession spark, Path path) {
        List<Row> rows = new ArrayList<>();
        String[] regions = {"North", "South", "East"};
        int[] persons = {12, 15, 3};
        for (int r = 0; r < regions.length; r++) {
            for (int p = 0; p < persons[r]; p++) {
                rows.add(RowFactory.create(csns(regions[r] + p), regions[r], 100.0));
            }
        }
        StructType schema = new StructType().add("csns", DataTypes.BinaryType).add("region", DataTypes.StringType)
                .add("cost", DataTypes.DoubleType);
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(path.toString());
        return path;
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    ObjectNode spec(String job, String sql, String outputJson) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"specVersion": 1,
                 "tables": [{"name": "stays", "path": "%s", "columns": ["csns", "region", "age_band", "cost"]}],
                 "sql": %s,
                 "output": %s,
                 "policy": "standard",
                 "limits": {"seconds": 120, "maxRows": 100},
                 "outputDir": "%s"}
                """.formatted(stays.toUri(), JSON.writeValueAsString(sql), outputJson, dir.resolve("jobs/" + job)));
    }

    record Run(int exit, JsonNode report, Path out, String stdout, String stderr) {
    }

    Run run(ObjectNode spec, String... extraArgs) throws Exception {
        Path file = dir.resolve("spec-" + System.nanoTime() + ".json");
        Files.writeString(file, JSON.writeValueAsString(spec));
        List<String> args = new ArrayList<>(List.of("run", "--spec", file.toString(), "--master", "local[2]"));
        args.addAll(List.of(extraArgs));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ComputeCli.execute(args.toArray(String[]::new),
                new ByteArrayInputStream((KEY_B64 + "\n").getBytes(StandardCharsets.US_ASCII)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                HmacPids.factory());
        Path outDir = Path.of(spec.get("outputDir").asText());
        JsonNode report = Files.exists(outDir.resolve("report.json")) ? JSON.readTree(outDir.resolve("report.json").toFile()) : null;
        return new Run(exit, report, outDir, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static final String AGGREGATE = """
            {"kind": "aggregate", "unit": "pid", "groupBy": ["region"],
             "measures": [{"fn": "count"}, {"fn": "sum", "column": "cost"}, {"fn": "mean", "column": "cost"}], "margins": true}
            """;

    @Test
    void aggregateJobComputesTheCellStatisticsWithMargins() throws Exception {
        Run run = run(spec("agg", "SELECT s.pid, s.region, s.cost FROM stays s WHERE s.age_band >= 40", AGGREGATE));

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.report().get("status").asText()).isEqualTo("succeeded");
        assertThat(run.stdout()).startsWith("succeeded ");
        assertThat(run.out().resolve("result.csv")).exists();
        assertThat(run.out().resolve("result.parquet")).isDirectory();
        assertThat(run.report().at("/timings/phasesMs").fieldNames()).toIterable()
                .containsExactly("validate", "sparkStart", "views", "run", "disclosure", "write");
        // The pid is only passed through to the unit: the statistics ran over the CSNS (same values).
        assertThat(run.report().at("/output/execution/unit").asText()).isEqualTo("csns");
        assertThat(run.report().at("/output/execution/statistics").asText()).isIn("sorted-stream", "shuffle");

        JsonNode table = run.report().at("/sdc/table");
        assertThat(table.get("dimensions").toString()).isEqualTo("[\"region\"]");
        assertThat(table.get("measure").asText()).isEqualTo("cost");
        assertThat(table.get("cells").toString()).isEqualTo(JSON.readTree("""
                [{"key":["North"],"units":2,"rows":3,"total":280.0,"top":[180.0,100.0],"negatives":0,"missing":0},
                 {"key":["South"],"units":4,"rows":4,"total":-150.0,"top":[-500.0,300.0],"negatives":1,"missing":1},
                 {"key":[null],"units":5,"rows":7,"total":130.0,"top":[-500.0,300.0],"negatives":1,"missing":1}]
                """).toString());
        // Every cell has fewer than 10 persons: all primary; negatives and missing values send it to review.
        JsonNode evaluation = run.report().at("/sdc/evaluation");
        assertThat(evaluation.get("status").asText()).isEqualTo("review");
        assertThat(evaluation.get("withheld").asInt()).isEqualTo(3);
        JsonNode sum = evaluation.at("/records/sum");
        assertThat(sum.get("status").asText()).isEqualTo("review");
        assertThat(sum.at("/counts/primary").asInt()).isEqualTo(3);
        // South: -500 and 300 against a total of -150 (contributions by absolute value: flags more, never fewer).
        assertThat(sum.at("/cells/1/reasons").toString())
                .isEqualTo("[\"threshold\",\"nk-dominance\",\"p-percent\",\"negative\",\"missing\"]");
        assertThat(evaluation.at("/records/count/status").asText()).isEqualTo("pass");

        List<String> csv = Files.readAllLines(run.out().resolve("result.csv"));
        assertThat(csv).containsExactly(
                "region,margin,sdc,count,sum_cost,mean_cost",
                "North,false,primary,[c],[c],[c]",
                "South,false,primary,[c],[c],[c]",
                ",true,primary,[c],[c],[c]");
        // The in-enclave table keeps the computed values, with each cell's outcome.
        List<Row> full = spark.read().parquet(run.out().resolve("result.parquet").toString()).orderBy("margin", "region").collectAsList();
        assertThat(full).extracting(Row::toString).containsExactly(
                "[North,false,primary,3,280.0,93.33333333333333]",
                "[South,false,primary,4,-150.0,-50.0]",
                "[null,true,primary,7,130.0,21.666666666666668]");
    }

    @Test
    void smallInputsRunWithoutCodeGenerationAndOthersWithSparksDefaults() {
        try {
            SparkSessions.sizeForInput(spark, List.of(stays.toUri().toString(), visits.toString()));
            assertThat(spark.conf().get("spark.sql.codegen.wholeStage")).isEqualTo("false");
            assertThat(spark.conf().get("spark.sql.codegen.factoryMode")).isEqualTo("NO_CODEGEN");
            // An input that cannot be sized counts as large: back to Spark's defaults on the same session.
            SparkSessions.sizeForInput(spark, List.of(dir.resolve("lake/none").toString()));
            assertThat(spark.conf().get("spark.sql.codegen.wholeStage")).isEqualTo("true");
            assertThat(spark.conf().get("spark.sql.codegen.factoryMode")).isEqualTo("FALLBACK");
            // Above the threshold (here 0 bytes): Spark's defaults too.
            SparkSessions.sizeForInput(spark, List.of(stays.toString()));
            System.setProperty(SparkSessions.SMALL_INPUT_PROPERTY, "0");
            SparkSessions.sizeForInput(spark, List.of(stays.toString()));
            assertThat(spark.conf().get("spark.sql.codegen.wholeStage")).isEqualTo("true");
        } finally {
            System.clearProperty(SparkSessions.SMALL_INPUT_PROPERTY);
        }
    }

    @Test
    void theSameAggregateWithAndWithoutCodeGeneration() throws Exception {
        Run interpreted = run(spec("agg-interpreted", "SELECT s.pid, s.region, s.cost FROM stays s WHERE s.age_band >= 40", AGGREGATE));
        Run generated;
        try {
            System.setProperty(SparkSessions.SMALL_INPUT_PROPERTY, "0");
            generated = run(spec("agg-generated", "SELECT s.pid, s.region, s.cost FROM stays s WHERE s.age_band >= 40", AGGREGATE));
        } finally {
            System.clearProperty(SparkSessions.SMALL_INPUT_PROPERTY);
        }
        assertThat(interpreted.exit()).as(interpreted.stderr()).isZero();
        assertThat(generated.exit()).as(generated.stderr()).isZero();
        assertThat(interpreted.report().at("/sdc").toString()).isEqualTo(generated.report().at("/sdc").toString());
        assertThat(Files.readAllLines(interpreted.out().resolve("result.csv")))
                .isEqualTo(Files.readAllLines(generated.out().resolve("result.csv")));
    }

    ObjectNode visitsSpec(String job, String policy) throws Exception {
        ObjectNode spec = spec(job, "SELECT pid, region, cost FROM visits", AGGREGATE);
        spec.putArray("tables").addObject().put("name", "visits").put("path", visits.toUri().toString())
                .putArray("columns").add("csns").add("region").add("cost");
        spec.put("policy", policy);
        return spec;
    }

    @Test
    void smallCellIsSuppressedWithASecondaryAndNeverPrinted() throws Exception {
        Run run = run(visitsSpec("verdicts", "standard"));

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.report().get("status").asText()).isEqualTo("succeeded"); // the job ran; the verdict is below
        JsonNode evaluation = run.report().at("/sdc/evaluation");
        assertThat(evaluation.get("status").asText()).isEqualTo("pass");
        for (String check : List.of("sum", "count")) {
            JsonNode record = evaluation.at("/records/" + check);
            assertThat(record.get("status").asText()).as(check).isEqualTo("pass");
            assertThat(record.at("/policy/name").asText()).isEqualTo("standard");
            assertThat(record.at("/cells/0").toString()).as(check).isEqualTo(
                    "{\"key\":[\"East\"],\"outcome\":\"primary\",\"reasons\":[\"threshold\"],\"published\":null}");
            assertThat(record.at("/secondary/performed").asBoolean()).isTrue();
            assertThat(record.at("/secondary/allProtected").asBoolean()).isTrue();
            assertThat(record.at("/secondary/cells").toString()).as(check).isEqualTo("[[\"North\"]]");
        }
        assertThat(evaluation.get("withheld").asInt()).isEqualTo(2);

        String csv = Files.readString(run.out().resolve("result.csv"));
        assertThat(csv.lines()).containsExactly(
                "region,margin,sdc,count,sum_cost,mean_cost",
                "East,false,primary,[c],[c],[c]",
                "North,false,secondary,[c],[c],[c]",
                "South,false,ok,15,1500.0,100.0",
                ",true,ok,30,3000.0,100.0");
        assertThat(csv).doesNotContain("300.0").doesNotContain("1200.0");
    }

    @Test
    void healthTierRoundsReleasedCountsAndWithholdsMeans() throws Exception {
        Run run = run(visitsSpec("health", "health"));

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.report().at("/sdc/evaluation/countsRounded").asBoolean()).isTrue();
        assertThat(run.report().at("/sdc/evaluation/records/count/table/rounding/base").asInt()).isEqualTo(5);
        assertThat(Files.readAllLines(run.out().resolve("result.csv"))).containsExactly(
                "region,margin,sdc,count,sum_cost,mean_cost",
                "East,false,primary,[c],[c],[c]",
                "North,false,secondary,[c],[c],[c]",
                "South,false,ok,15,1500.0,[c]",
                ",true,ok,30,3000.0,[c]");
    }

    @Test
    void unknownPolicyFailsBeforeSparkReadsData() throws Exception {
        Run run = run(visitsSpec("nopolicy", "lenient"));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.report().at("/error/code").asText()).isEqualTo("unknown-policy");
        assertThat(run.report().at("/timings/phasesMs").fieldNames()).toIterable().isEmpty();
    }

    @Test
    void rowsJobSeesPidNeverCsns() throws Exception {
        Run run = run(spec("rows", "SELECT * FROM stays WHERE region = 'North' ORDER BY cost", "{\"kind\": \"rows\"}"),
                "--project-key-file", Files.writeString(dir.resolve("project.key"), KEY_B64).toString());

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.report().at("/output/rows").asInt()).isEqualTo(4);
        assertThat(run.report().at("/output/truncated").asBoolean()).isFalse();
        var result = spark.read().parquet(run.out().resolve("result.parquet").toString());
        assertThat(result.columns()).containsExactly("pid", "region", "age_band", "cost");
        Set<String> pids = result.collectAsList().stream().map(r -> HexFormat.of().formatHex((byte[]) r.getAs("pid")))
                .collect(Collectors.toSet());
        assertThat(pids).containsExactlyInAnyOrder(
                HexFormat.of().formatHex(HmacPids.hmac(KEY, csns("A"))),
                HexFormat.of().formatHex(HmacPids.hmac(KEY, csns("B"))),
                HexFormat.of().formatHex(HmacPids.hmac(KEY, csns("D"))));
        assertThat(Files.readString(run.out().resolve("report.json"))).doesNotContain(KEY_B64);

        // The same rows, in the same order, as JSON lines for viewing; listed in the report.
        assertThat(run.report().at("/output/files").toString()).isEqualTo("[\"result.parquet\",\"rows.jsonl\"]");
        List<String> lines = Files.readAllLines(run.out().resolve("rows.jsonl"));
        assertThat(JSON.readTree(lines.get(0)).toString()).isEqualTo("{\"columns\":[{\"name\":\"pid\",\"type\":\"binary\"},"
                + "{\"name\":\"region\",\"type\":\"string\"},{\"name\":\"age_band\",\"type\":\"int\"},{\"name\":\"cost\",\"type\":\"double\"}]}");
        List<Row> parquet = result.collectAsList();
        assertThat(lines).hasSize(1 + parquet.size());
        for (int i = 0; i < parquet.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i + 1));
            assertThat(line.get(0).asText()).isEqualTo(HexFormat.of().formatHex((byte[]) parquet.get(i).getAs("pid")));
            assertThat(line.get(1).asText()).isEqualTo("North");
            assertThat(line.get(3).asDouble()).isEqualTo((double) parquet.get(i).getAs("cost"));
        }
    }

    @Test
    void anAggregateThatPublishesThePidRunsOverThePseudonymNeverTheCsns() throws Exception {
        Run run = run(spec("pid-dimension", "SELECT pid, pid AS who, region FROM stays",
                "{\"kind\": \"aggregate\", \"unit\": \"pid\", \"groupBy\": [\"who\"], \"measures\": [{\"fn\": \"count\"}]}"));

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.report().at("/output/execution/unit").asText()).isEqualTo("pseudonym");
        assertThat(run.report().at("/output/execution/unitNote").asText()).isEqualTo("a pid is output in a column other than the unit");
        Set<String> keys = new java.util.HashSet<>();
        run.report().at("/sdc/table/cells").forEach(c -> keys.add(c.at("/key/0").asText()));
        Set<String> pids = new java.util.HashSet<>();
        for (String unit : List.of("A", "B", "C", "D", "E", "F")) {
            pids.add(new String(HmacPids.hmac(KEY, csns(unit)), StandardCharsets.UTF_8));
            assertThat(keys).doesNotContain(new String(csns(unit), StandardCharsets.UTF_8));
        }
        assertThat(keys).isEqualTo(pids);
    }

    @Test
    void rowsAreCappedAtMaxRows() throws Exception {
        ObjectNode spec = spec("capped", "SELECT pid, cost FROM stays", "{\"kind\": \"rows\"}");
        ((ObjectNode) spec.get("limits")).put("maxRows", 3);
        Run run = run(spec);
        assertThat(run.exit()).isZero();
        assertThat(run.report().at("/output/rows").asInt()).isEqualTo(3);
        assertThat(run.report().at("/output/truncated").asBoolean()).isTrue();
    }

    @Test
    void refusedAnalysisIsRejectedBeforeAnyDataIsRead() throws Exception {
        Run run = run(spec("reflect", "SELECT region,\n  reflect('java.lang.System', 'exit', 0) FROM stays", AGGREGATE));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.report().get("status").asText()).isEqualTo("rejected");
        assertThat(run.report().at("/error/code").asText()).isEqualTo("forbidden-function");
        assertThat(run.report().at("/error/line").asInt()).isEqualTo(2);
        assertThat(run.report().at("/error/column").asInt()).isEqualTo(3);
        assertThat(run.report().at("/timings/phasesMs").fieldNames()).toIterable().isEmpty();
        try (var files = Files.list(run.out())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.json");
        }
    }

    @Test
    void analyzerErrorsAreRejectedWithThePosition() throws Exception {
        Run run = run(spec("badgroup", "SELECT region, cost\nFROM stays GROUP BY region", "{\"kind\": \"rows\"}"));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.report().at("/error/code").asText()).isEqualTo("invalid-query");
    }

    @Test
    void outputColumnsMustBeInTheResult() throws Exception {
        Run run = run(spec("nounit", "SELECT region, cost FROM stays", AGGREGATE));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.report().at("/error/code").asText()).isEqualTo("output-column-missing");
    }

    @Test
    void missingColumnAndUnreadableTableHaveTheirCodes() throws Exception {
        ObjectNode missing = spec("missing", "SELECT pid FROM stays", "{\"kind\": \"rows\"}");
        ((ObjectNode) missing.get("tables").get(0)).putArray("columns").add("csns").add("diagnosis");
        Run run = run(missing);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.report().at("/error/code").asText()).isEqualTo("missing-column");

        ObjectNode unreadable = spec("unreadable", "SELECT pid FROM stays", "{\"kind\": \"rows\"}");
        ((ObjectNode) unreadable.get("tables").get(0)).put("path", dir.resolve("lake/nothing").toUri().toString());
        run = run(unreadable);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.report().at("/error/code").asText()).isEqualTo("table-unreadable");

        Path intCsns = dir.resolve("lake/intcsns");
        spark.createDataFrame(List.of(RowFactory.create(1, "North")),
                new StructType().add("csns", DataTypes.IntegerType).add("region", DataTypes.StringType))
                .write().parquet(intCsns.toString());
        ObjectNode mismatch = spec("mismatch", "SELECT pid FROM stays", "{\"kind\": \"rows\"}");
        ((ObjectNode) mismatch.get("tables").get(0)).put("path", intCsns.toString()).putArray("columns").add("csns").add("region");
        run = run(mismatch);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.report().at("/error/code").asText()).isEqualTo("schema-mismatch");
    }

    @Test
    void timeLimitCancelsTheJob() throws Exception {
        ObjectNode spec = spec("slow",
                // 8^10 rows: minutes of work, far past the limit.
                "SELECT count(*) AS n FROM stays a, stays b, stays c, stays d, stays e, stays f, stays g, stays h, stays i, stays j"
                        + " WHERE a.cost + b.cost + c.cost + d.cost + e.cost + f.cost + g.cost + h.cost + i.cost + j.cost > 0",
                "{\"kind\": \"rows\"}");
        ((ObjectNode) spec.get("limits")).put("seconds", 1);
        Run run = run(spec);
        assertThat(run.exit()).as(String.valueOf(run.report())).isEqualTo(1);
        assertThat(run.report().at("/error/code").asText()).isEqualTo("timeout");
    }

    @Test
    void viewsHoldOnlyGrantedColumnsEvenWithoutTheGuard() {
        GrantedViews.register(spark, List.of(new TableSpec("guarded", stays.toUri().toString(), List.of("csns", "region"))),
                HmacPids.factory().apply(ProjectKeyInput.read(new ByteArrayInputStream(KEY_B64.getBytes(StandardCharsets.US_ASCII)))));
        assertThat(spark.table("guarded").columns()).containsExactly("pid", "region");
        assertThatThrownBy(() -> spark.sql("SELECT secret FROM guarded").collect()).hasMessageContaining("secret");
        assertThatThrownBy(() -> spark.sql("SELECT csns FROM guarded").collect()).hasMessageContaining("csns");
        assertThatThrownBy(() -> spark.sql("SELECT _metadata.file_path FROM guarded").collect()).hasMessageContaining("_metadata");
        assertThatThrownBy(() -> spark.sql("SELECT enclave_pid(region) FROM guarded").collect()).hasMessageContaining("enclave_pid");
        assertThatThrownBy(() -> spark.sql("SELECT * FROM parquet.`" + stays + "`").collect()).isNotNull();
    }

    @Test
    void onlyTheViewsOwnScansMayBeUnderTheAnalysedPlan() {
        GrantedViews.register(spark, List.of(new TableSpec("scanned", stays.toUri().toString(), List.of("csns", "region"))),
                HmacPids.factory().apply(ProjectKeyInput.read(new ByteArrayInputStream(KEY_B64.getBytes(StandardCharsets.US_ASCII)))));
        var granted = ScanCheck.granted(spark, List.of("scanned"));
        assertThat(granted).hasSize(1);
        // The views themselves, self-joined, in a subquery, in a CTE, with literal rows: accepted.
        for (String sql : List.of("SELECT * FROM scanned",
                "SELECT a.region FROM scanned a JOIN scanned b ON a.pid = b.pid",
                "SELECT region FROM scanned WHERE region IN (SELECT region FROM scanned WHERE pid IS NOT NULL)",
                "WITH r AS (SELECT region FROM scanned) SELECT * FROM r JOIN r r2 USING (region)",
                "SELECT 1 AS one", "SELECT * FROM VALUES (1, 'a') AS t(n, s)")) {
            ScanCheck.check(spark.sql(sql).queryExecution().analyzed(), granted);
        }
        // Any other relation, at the top or hidden in a subquery expression: refused with the code.
        spark.read().parquet(visits.toString()).createOrReplaceTempView("ungranted");
        for (String sql : List.of("SELECT * FROM ungranted",
                "SELECT region FROM scanned WHERE EXISTS (SELECT 1 FROM ungranted u WHERE u.region = scanned.region)",
                "SELECT (SELECT max(cost) FROM ungranted) AS m FROM scanned",
                "SELECT * FROM range(3)")) {
            assertThatThrownBy(() -> ScanCheck.check(spark.sql(sql).queryExecution().analyzed(), granted)).as(sql)
                    .isInstanceOfSatisfying(JobFailure.class, e -> {
                        assertThat(e.code()).isEqualTo(ScanCheck.CODE);
                        assertThat(e.status()).isEqualTo(JobStatus.REJECTED);
                        assertThat(e.getMessage()).doesNotContain(visits.toString());
                    });
        }
        // The same scan read again outside the view is another relation.
        assertThatThrownBy(() -> ScanCheck.check(spark.read().parquet(stays.toString()).queryExecution().analyzed(), granted))
                .isInstanceOf(JobFailure.class);
    }

    @Test
    void withMarginsThePerUnitRowsAreShuffledOnceByTheUnitKey() {
        spark.read().parquet(stays.toString()).selectExpr("csns AS pid", "region", "age_band", "cost")
                .createOrReplaceTempView("__enclave_result");
        String plan = spark.sql(EnclaveStatements.cells(List.of("region", "age_band"), "pid", java.util.Optional.of("cost"), true))
                .queryExecution().executedPlan().toString();
        // One shuffle of the rows by unit key, one of the (few) partial cell aggregates: none in between.
        assertThat(plan.split("Exchange hashpartitioning", -1)).as(plan).hasSize(3);
        assertThat(plan).containsPattern("Exchange hashpartitioning\\(__u#\\d+L?, \\d+\\)");
        spark.catalog().dropTempView("__enclave_result");
    }
}
