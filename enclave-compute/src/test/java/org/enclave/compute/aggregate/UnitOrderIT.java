package org.enclave.compute.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.enclave.compute.aggregate.EnclaveAggregator.Method;
import org.enclave.compute.job.MeasureSpec;
import org.enclave.compute.job.OutputSpec;
import org.enclave.compute.job.TableSpec;
import org.enclave.compute.runner.SparkSessions;
import org.enclave.compute.views.GrantedViews;
import org.enclave.compute.views.HmacPids;
import org.enclave.compute.views.OpaqueUnit;
import org.enclave.compute.views.ProjectKeyInput;
import org.enclave.compute.views.ScanCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-pass statistics over rows in unit order give exactly the cells of the general statement,
 * whatever the layout (sorted lakes, files split across tasks, units spanning files, rows without a
 * unit); when the rows are not in unit order the one pass is refused and the general statement runs.
 * And the opaque-unit check that lets an aggregate run over the CSNS, case by case.
 */
class UnitOrderIT {

    static final long MASTER_SEED = 0x5eed_0de7L;

    @TempDir
    static Path dir;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.start("local[2]");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static final StructType SCHEMA = new StructType()
            .add("unit", DataTypes.BinaryType)
            .add("region", DataTypes.StringType)
            .add("age_band", DataTypes.IntegerType)
            .add("cost", DataTypes.DoubleType);

    /** Units with few to many rows, some null dimensions, measures and units; integer-valued costs (exact sums). */
    static Dataset<Row> rows(long seed, int count) {
        Random random = new Random(seed);
        int units = 1 + random.nextInt(count / 2);
        List<Row> rows = new ArrayList<>();
        String[] regions = {"North", "South", "East", "West", null};
        for (int i = 0; i < count; i++) {
            byte[] unit = null;
            if (random.nextInt(50) != 0) {
                int u = random.nextInt(units);
                unit = new byte[] {(byte) (u * 37), (byte) (u >> 8), (byte) u, (byte) 0x80};
            }
            Integer age = random.nextInt(20) == 0 ? null : random.nextInt(4) * 10;
            Double cost = random.nextInt(15) == 0 ? null : (double) (random.nextInt(2_000) - 300);
            rows.add(RowFactory.create(unit, regions[random.nextInt(regions.length)], age, cost));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    static Stream<Arguments> layouts() {
        Random seeds = new Random(MASTER_SEED);
        List<Arguments> cases = new ArrayList<>();
        String[] layouts = {"range-sorted", "range-sorted-split", "one-sorted-file", "range-sorted-many-files"};
        // How Parquet holds the values: dictionaries, plain values, or a dictionary that overflows
        // part-way through a column chunk (its first pages in a dictionary, the rest plain).
        String[] encodings = {"dictionary", "plain", "dictionary-overflow"};
        for (int i = 0; i < 12; i++) {
            cases.add(Arguments.of(seeds.nextLong(), layouts[i % layouts.length], encodings[i / 4], i % 3, i % 2 == 0, i % 5 != 4));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "seed {0}: {1}, {2}, {3} dimensions, margins {4}, measure {5}")
    @MethodSource("layouts")
    void rowsInUnitOrderGiveTheCellsOfTheGeneralStatement(long seed, String layout, String encoding, int dims, boolean margins,
            boolean measure) {
        Dataset<Row> data = rows(seed, 3_000);
        Path path = dir.resolve("sorted-" + seed);
        Map<String, String> options = switch (encoding) {
            case "plain" -> Map.of("parquet.enable.dictionary", "false");
            case "dictionary-overflow" -> Map.of("parquet.dictionary.page.size", "512", "parquet.page.size", "512");
            default -> Map.of();
        };
        switch (layout) {
            case "range-sorted" -> data.repartitionByRange(4, col("unit")).sortWithinPartitions("unit").write().options(options)
                    .parquet(path.toString());
            // Many row groups per file and small splits: a unit's rows continue in the next task.
            case "range-sorted-split" -> data.repartitionByRange(2, col("unit")).sortWithinPartitions("unit").write().options(options)
                    .option("parquet.block.size", 2_048).parquet(path.toString());
            // Small files that Spark would pack several to a task, in any order.
            case "range-sorted-many-files" -> data.repartitionByRange(24, col("unit")).sortWithinPartitions("unit").write()
                    .options(options).parquet(path.toString());
            default -> data.coalesce(1).sortWithinPartitions("unit").write().options(options).parquet(path.toString());
        }
        OutputSpec output = output(dims, margins, measure);
        withSmallSplits(layout.endsWith("split"), () -> {
            Dataset<Row> result = spark.read().parquet(path.toString()).where("age_band IS NULL OR age_band < 30");
            assertThat(SortedUnitStatistics.applies(result, output)).isTrue();
            EnclaveAggregator.Result sorted = EnclaveAggregator.aggregate(spark, result, output, true);
            EnclaveAggregator.Result general = EnclaveAggregator.aggregate(spark, result, output, false);
            assertThat(sorted.method()).as(sorted.note()).isEqualTo(Method.SORTED_STREAM);
            assertThat(general.method()).isEqualTo(Method.SHUFFLE);
            assertSameCells(sorted.table(), general.table());
            // Both readers of the one pass: the scan's column batches (the default here), and rows.
            assertSameCells(table(SortedUnitStatistics.compute(result, output, true), output, SortedUnitStatistics.Reader.COLUMN_BATCHES),
                    general.table());
            assertSameCells(table(SortedUnitStatistics.compute(result, output, false), output, SortedUnitStatistics.Reader.ROWS),
                    general.table());
            return null;
        });
    }

    /** A unit held in a partition column (a constant vector per file), string or cast to bytes. */
    @Test
    void aUnitInAPartitionColumnIsReadThroughItsType() {
        Path path = dir.resolve("unit-partition");
        rows(1, 400).where("unit IS NOT NULL").selectExpr("hex(substring(unit, 1, 1)) AS u", "region", "cost")
                .repartition(col("u")).write().partitionBy("u").parquet(path.toString());
        for (String unit : List.of("u", "CAST(u AS BINARY)")) {
            Dataset<Row> result = spark.read().parquet(path.toString()).selectExpr(unit + " AS unit", "region", "cost");
            OutputSpec output = output(1, true, true);
            SdcTable general = EnclaveAggregator.aggregate(spark, result, output, false).table();
            assertSameCells(table(SortedUnitStatistics.compute(result, output, true), output, SortedUnitStatistics.Reader.COLUMN_BATCHES),
                    general);
        }
    }

    /** A unit whose value is empty is a unit of its own, not one with the rows that have no unit. */
    @Test
    void anEmptyUnitIsNotTheMissingUnit() {
        Path path = dir.resolve("empty-unit");
        rows(11, 3_000).withColumn("unit", org.apache.spark.sql.functions.expr(
                        "CASE WHEN unit IS NOT NULL AND age_band = 0 AND region = 'North' THEN X'' ELSE unit END"))
                .repartitionByRange(3, col("unit")).sortWithinPartitions("unit").write().parquet(path.toString());
        Dataset<Row> result = spark.read().parquet(path.toString());
        OutputSpec output = output(1, true, true);
        SdcTable general = EnclaveAggregator.aggregate(spark, result, output, false).table();
        for (SortedUnitStatistics.Reader reader : SortedUnitStatistics.Reader.values()) {
            assertSameCells(table(SortedUnitStatistics.compute(result, output, reader == SortedUnitStatistics.Reader.COLUMN_BATCHES),
                    output, reader), general);
        }
    }

    /** The table of a one-pass outcome read by the given reader, cells in the aggregator's order. */
    static SdcTable table(SortedUnitStatistics.Outcome outcome, OutputSpec output, SortedUnitStatistics.Reader reader) {
        assertThat(outcome.reason()).isNull();
        assertThat(outcome.reader()).isEqualTo(reader);
        List<CellStatistics> cells = new ArrayList<>(outcome.cells().orElseThrow());
        cells.sort(EnclaveAggregator.CELL_ORDER);
        return new SdcTable(output.groupBy(), output.measureColumn(), cells);
    }

    /**
     * The column-batch reader over what the views hold: a string CSNS read as bytes, renamed columns,
     * byte, short and long dimensions, integer and decimal measures, a filter, a dimension of 400 values
     * whose dictionary overflows part-way through a column chunk, computed dimensions and measures; and a
     * computed unit, which is read as rows. Every way gives the cells of the general statement.
     */
    @Test
    void columnBatchesAndRowsGiveTheSameCellsOverEveryColumnType() {
        Path path = dir.resolve("typed");
        rows(23, 4_000).selectExpr("CAST(hex(unit) AS STRING) AS csns", "region", "CAST(age_band AS BYTE) AS age_byte",
                        "CAST(age_band AS SHORT) AS age_short", "CAST(age_band AS LONG) * 1000000000 AS age_long",
                        "CAST(cost AS INT) AS cost_int", "CAST(cost / 4 AS DECIMAL(12, 2)) AS cost_decimal",
                        "concat('c', CAST(pmod(hash(unit, cost), 400) AS STRING)) AS commune")
                .repartitionByRange(3, col("csns")).sortWithinPartitions("csns").write()
                .option("parquet.dictionary.page.size", "1024").option("parquet.page.size", "1024").parquet(path.toString());
        GrantedViews.Lake lake = GrantedViews.read(spark, List.of(new TableSpec("typed", path.toUri().toString(),
                List.of("csns", "region", "age_byte", "age_short", "age_long", "cost_int", "cost_decimal", "commune"))),
                HmacPids.factory().apply(ProjectKeyInput.read(new ByteArrayInputStream("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
                        .getBytes(StandardCharsets.US_ASCII)))));
        lake.install(GrantedViews.Unit.CSNS);
        record Case(String sql, List<String> groupBy, String measure, SortedUnitStatistics.Reader reader) {
        }
        for (Case c : List.of(
                new Case("SELECT pid AS unit, region AS r, age_byte, cost_int FROM typed WHERE cost_int > 100",
                        List.of("r", "age_byte"), "cost_int", SortedUnitStatistics.Reader.COLUMN_BATCHES),
                new Case("SELECT pid AS unit, age_short, age_long, cost_decimal FROM typed",
                        List.of("age_short", "age_long"), "cost_decimal", SortedUnitStatistics.Reader.COLUMN_BATCHES),
                new Case("SELECT pid AS unit, commune, age_short, cost_int FROM typed WHERE region <> 'East'",
                        List.of("commune", "age_short"), "cost_int", SortedUnitStatistics.Reader.COLUMN_BATCHES),
                new Case("SELECT pid AS unit, lower(region) AS r, CASE WHEN age_byte < 20 THEN 'young' END AS band,"
                        + " cost_int * 2 AS c FROM typed WHERE age_long IS NOT NULL",
                        List.of("r", "band"), "c", SortedUnitStatistics.Reader.COLUMN_BATCHES),
                new Case("SELECT pid AS unit, CAST(age_short AS STRING) AS a, age_byte + 1 AS b, cost_decimal FROM typed",
                        List.of("a", "b"), "cost_decimal", SortedUnitStatistics.Reader.COLUMN_BATCHES),
                new Case("SELECT concat(pid, X'00') AS unit, region, cost_decimal FROM typed",
                        List.of("region"), "cost_decimal", SortedUnitStatistics.Reader.ROWS))) {
            Dataset<Row> result = spark.sql(c.sql());
            OutputSpec output = new OutputSpec(OutputSpec.Kind.AGGREGATE, "unit", c.groupBy(),
                    List.of(new MeasureSpec(MeasureSpec.Fn.COUNT, null), new MeasureSpec(MeasureSpec.Fn.SUM, c.measure())), true);
            SdcTable general = EnclaveAggregator.aggregate(spark, result, output, false).table();
            assertSameCells(table(SortedUnitStatistics.compute(result, output, true), output, c.reader()), general);
            assertSameCells(table(SortedUnitStatistics.compute(result, output, false), output, SortedUnitStatistics.Reader.ROWS), general);
        }
    }

    static Stream<Arguments> unordered() {
        return Stream.of(
                Arguments.of("random order", 3_000),
                Arguments.of("random order, many runs", 40_000),
                Arguments.of("sorted files with overlapping ranges", 3_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unordered")
    void rowsOutOfUnitOrderAreRefusedAndTheGeneralStatementRuns(String layout, int count) {
        Dataset<Row> data = rows(MASTER_SEED + count, count);
        Path path = dir.resolve("unordered-" + layout.hashCode());
        if (layout.startsWith("sorted files")) {
            data.repartition(3).sortWithinPartitions("unit").write().parquet(path.toString());
        } else {
            data.repartition(2).write().parquet(path.toString());
        }
        OutputSpec output = output(2, true, true);
        Dataset<Row> result = spark.read().parquet(path.toString());
        SortedUnitStatistics.Outcome outcome = SortedUnitStatistics.compute(result, output);
        assertThat(outcome.cells()).isEmpty();
        assertThat(outcome.reason()).isNotBlank();
        EnclaveAggregator.Result fallback = EnclaveAggregator.aggregate(spark, result, output, true);
        assertThat(fallback.method()).isEqualTo(Method.SHUFFLE);
        assertThat(fallback.note()).isEqualTo(outcome.reason());
        assertSameCells(fallback.table(), EnclaveAggregator.aggregate(spark, result, output, false).table());
    }

    @Test
    void plansThatShuffleOrJoinAreNotTriedInOnePass() {
        Path path = dir.resolve("plans");
        rows(7, 500).coalesce(1).sortWithinPartitions("unit").write().parquet(path.toString());
        spark.read().parquet(path.toString()).createOrReplaceTempView("t");
        OutputSpec output = output(1, false, true);
        assertThat(SortedUnitStatistics.applies(spark.sql("SELECT unit, region, age_band, cost FROM t WHERE cost > 0"), output)).isTrue();
        for (String sql : List.of(
                "SELECT a.unit, a.region, a.age_band, a.cost FROM t a JOIN t b ON a.unit = b.unit",
                "SELECT unit, region, age_band, cost FROM t ORDER BY cost",
                "SELECT unit, region, age_band, cost FROM t UNION ALL SELECT unit, region, age_band, cost FROM t",
                "SELECT unit, region, age_band, cost FROM t WHERE cost > (SELECT avg(cost) FROM t)",
                "SELECT unit, region, max(age_band) AS age_band, sum(cost) AS cost FROM t GROUP BY unit, region")) {
            assertThat(SortedUnitStatistics.applies(spark.sql(sql), output)).as(sql).isFalse();
        }
        // A unit that is not compared by its bytes.
        assertThat(SortedUnitStatistics.applies(spark.sql("SELECT age_band AS unit, region, age_band, cost FROM t"), output)).isFalse();
    }

    static Stream<Arguments> opaqueCases() {
        return Stream.of(
                Arguments.of("SELECT pid, region, cost FROM stays", true),
                Arguments.of("SELECT s.pid, s.region, s.cost FROM stays s WHERE s.age_band >= 40 AND s.cost > 0", true),
                Arguments.of("SELECT * FROM stays", true),
                Arguments.of("SELECT who AS pid, region, cost FROM (SELECT pid AS who, region, cost FROM stays)", true),
                Arguments.of("SELECT s.pid, s.region, v.cost FROM stays s JOIN visits v ON s.pid = v.pid", true),
                Arguments.of("SELECT s.pid, s.region, v.cost FROM stays s, visits v WHERE s.pid = v.pid AND v.cost > 1", true),
                Arguments.of("SELECT s.pid, s.region, v.cost FROM stays s LEFT JOIN visits v ON s.pid <=> v.pid", true),
                Arguments.of("SELECT DISTINCT pid, region, cost FROM stays", true),
                Arguments.of("SELECT pid, region, cost FROM stays ORDER BY cost", true),
                Arguments.of("SELECT s.pid, s.region, v.cost FROM stays s JOIN visits v USING (pid, region)", true),
                Arguments.of("SELECT region, sum(cost) AS cost, 'x' AS pid FROM (SELECT region, cost FROM stays) GROUP BY region", true),
                Arguments.of("SELECT region, cost, region AS pid FROM stays", true),
                // Refused: any computation on the pid, or a pid where its values would be published.
                Arguments.of("SELECT pid, region, cost FROM stays WHERE pid IS NOT NULL", false),
                Arguments.of("SELECT pid, region, cost FROM stays WHERE pid = X'00'", false),
                Arguments.of("SELECT pid, region, cost FROM stays WHERE substring(pid, 1, 1) = X'00'", false),
                Arguments.of("SELECT sha2(pid, 256) AS pid, region, cost FROM stays", false),
                Arguments.of("SELECT pid, hex(pid) AS region, cost FROM stays", false),
                Arguments.of("SELECT pid, region, cost FROM stays ORDER BY pid LIMIT 10", false),
                Arguments.of("SELECT pid, pid AS region, cost FROM stays", false),
                Arguments.of("SELECT pid, region, cost, pid AS other FROM stays", false),
                Arguments.of("SELECT s.pid, s.region, v.cost FROM stays s JOIN visits v ON s.pid < v.pid", false),
                Arguments.of("SELECT s.pid, s.region, s.cost FROM stays s JOIN visits v ON s.pid = v.region", false),
                Arguments.of("SELECT pid, region, cost FROM stays UNION ALL SELECT pid, region, cost FROM visits", false),
                Arguments.of("SELECT region AS pid, region, cost FROM stays UNION ALL SELECT pid, region, cost FROM visits", false),
                Arguments.of("SELECT pid, region, sum(cost) AS cost FROM stays GROUP BY pid, region", false),
                Arguments.of("SELECT pid, region, count(*) OVER (PARTITION BY pid) AS cost FROM stays", false),
                Arguments.of("WITH t AS (SELECT pid AS region, cost FROM stays) SELECT region, cost, region AS pid FROM t", false),
                Arguments.of("SELECT pid, region, cost FROM stays s WHERE EXISTS (SELECT 1 FROM visits v WHERE v.pid = s.pid)", false),
                Arguments.of("SELECT pid, region, cost FROM stays WHERE region IN (SELECT region FROM visits WHERE pid IS NULL)", false),
                Arguments.of("SELECT s.pid, s.region, s.cost FROM stays s FULL JOIN visits v USING (pid)", false),
                // A subquery's pid: CSNS bytes as a category, or an oracle for a chosen CSNS.
                Arguments.of("SELECT pid, (SELECT pid FROM visits WHERE region = 'North' LIMIT 1) AS region, cost FROM stays", false),
                Arguments.of("SELECT pid, CASE WHEN CAST('x' AS BINARY) IN (SELECT pid FROM visits) THEN 'y' ELSE 'n' END AS region,"
                        + " cost FROM stays", false),
                Arguments.of("SELECT pid, region, cost FROM stays WHERE (SELECT max(pid) FROM visits) >= CAST('5' AS BINARY)", false),
                Arguments.of("SELECT pid, region, cost FROM stays WHERE EXISTS (SELECT pid FROM visits)", false),
                // Order: rows chosen or combined by an order that the CSNS would set.
                Arguments.of("SELECT pid, region, cost FROM (SELECT DISTINCT pid, region, cost FROM stays) LIMIT 7", false),
                Arguments.of("SELECT pid, region, cost FROM (SELECT DISTINCT pid, region, cost FROM stays) ORDER BY cost LIMIT 20", false),
                Arguments.of("SELECT pid, region, cost FROM stays ORDER BY cost LIMIT 10", false),
                Arguments.of("SELECT pid, region, cost FROM stays TABLESAMPLE (50 PERCENT)", false),
                Arguments.of("SELECT region, sum(cost) AS cost, 'x' AS pid FROM (SELECT region, cost FROM"
                        + " (SELECT DISTINCT pid, region, cost FROM stays)) GROUP BY region", false),
                Arguments.of("SELECT pid, region, cost * rand() AS cost FROM stays", false));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("opaqueCases")
    void aggregatesRunOverTheCsnsOnlyWhenThePidIsAnOpaqueUnit(String sql, boolean opaque) {
        Path stays = dir.resolve("lake/stays");
        Path visits = dir.resolve("lake/visits");
        if (!stays.toFile().exists()) {
            rows(11, 50).withColumnRenamed("unit", "csns").write().parquet(stays.toString());
            rows(12, 50).withColumnRenamed("unit", "csns").write().parquet(visits.toString());
        }
        GrantedViews.Lake lake = GrantedViews.read(spark, List.of(
                new TableSpec("stays", stays.toUri().toString(), List.of("csns", "region", "age_band", "cost")),
                new TableSpec("visits", visits.toUri().toString(), List.of("csns", "region", "cost"))),
                HmacPids.factory().apply(ProjectKeyInput.read(new ByteArrayInputStream("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
                        .getBytes(StandardCharsets.US_ASCII)))));
        lake.install(GrantedViews.Unit.CSNS);
        var analyzed = spark.sql(sql).queryExecution().analyzed();
        Optional<String> refusal = OpaqueUnit.check(analyzed, ScanCheck.granted(spark, List.of("stays", "visits")), "pid",
                List.of("region", "cost"));
        assertThat(refusal.isEmpty()).as(refusal.orElse("opaque")).isEqualTo(opaque);
        refusal.ifPresent(reason -> assertThat(reason).doesNotContain("X'00'").doesNotContain("sha2"));
    }

    static OutputSpec output(int dims, boolean margins, boolean measure) {
        List<String> groupBy = List.of("region", "age_band").subList(0, dims);
        List<MeasureSpec> measures = measure
                ? List.of(new MeasureSpec(MeasureSpec.Fn.COUNT, null), new MeasureSpec(MeasureSpec.Fn.SUM, "cost"))
                : List.of(new MeasureSpec(MeasureSpec.Fn.COUNT, null));
        return new OutputSpec(OutputSpec.Kind.AGGREGATE, "unit", groupBy, measures, margins);
    }

    /** The same cells; the largest contributions compared by magnitude (ties of opposite sign may swap). */
    static void assertSameCells(SdcTable actual, SdcTable expected) {
        Function<SdcTable, List<String>> render = t -> t.cells().stream()
                .map(c -> c.key() + " units=" + c.units() + " rows=" + c.rows() + " total=" + c.total() + " top="
                        + c.top().stream().map(Math::abs).toList() + " neg=" + c.negatives() + " missing=" + c.missing())
                .toList();
        assertThat(render.apply(actual)).isNotEmpty().containsExactlyElementsOf(render.apply(expected));
    }

    static void withSmallSplits(boolean small, java.util.concurrent.Callable<Void> body) {
        String key = "spark.sql.files.maxPartitionBytes";
        String before = spark.conf().get(key);
        if (small) {
            spark.conf().set(key, "4096");
            spark.conf().set("spark.sql.files.openCostInBytes", "0");
        }
        try {
            body.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            spark.conf().set(key, before);
            spark.conf().unset("spark.sql.files.openCostInBytes");
        }
    }
}
