package org.enclave.compute.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.enclave.compute.job.JobFailure;
import org.enclave.compute.job.JobStatus;
import org.enclave.compute.job.OutputSpec;

/**
 * Computes an aggregate output inside the enclave, so that the enclave knows every unit behind every
 * cell: the researcher's SQL gives rows; the enclave groups them.
 *
 * <p>Two passes, both in Spark:
 * <ol>
 *   <li>per cell and unit (with {@code GROUPING SETS} over every subset of the dimensions when margins
 *       are asked): the unit's contribution (sum of its rows' measure), its rows, and its rows with a
 *       null measure. Units are grouped again for each margin, so a unit present in two categories is
 *       one unit of the margin, contributing the sum of both;</li>
 *   <li>per cell: distinct units, rows, total, the two largest contributions by absolute value,
 *       negative units, missing rows.</li>
 * </ol>
 * A null group-by value is the category {@value #NULL_CATEGORY} (a null key entry means a margin). Rows
 * whose unit is null count together as one unit, the conservative choice for threshold and dominance
 * rules.
 */
public final class EnclaveAggregator {

    /** The category label of a null group-by value. */
    public static final String NULL_CATEGORY = "(null)";

    /** How many largest contributions the enclave computes per cell (enough for (n,k) rules with n <= 2). */
    public static final int TOP = 2;

    /**
     * The 64-bit key units are grouped on: {@code xxhash64(unit)}, a template for {@link String#formatted}.
     *
     * <p>IMPORTANT: two units whose keys collide are counted as one unit with the sum of their
     * contributions. Accidental collisions are negligible (about n^2 / 2^65 expected pairs: 1.3e-4 for
     * 70 million units) and a merge errs on the side of protection for the statistics the rules read
     * (fewer units; for non-negative contributions, largest contributions at least as large); a
     * deliberate collision gains a researcher nothing, as they choose the unit column and could merge
     * units directly. docs/compute.md, "The unit key". A null unit hashes to the seed: all rows with
     * a null unit are one unit, as before.
     */
    static final String UNIT_KEY = "xxhash64(%s)";

    private static final String RESULT_VIEW = "__enclave_result";

    private EnclaveAggregator() {
    }

    /** How the statistics were computed, for the job's report. */
    public enum Method {
        /** One pass in unit order, no shuffle ({@link SortedUnitStatistics}). */
        SORTED_STREAM("sorted-stream"),
        /** The general statement ({@link #cellSql}): rows distributed by unit. */
        SHUFFLE("shuffle");

        private final String json;

        Method(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    /**
     * @param table  one {@link CellStatistics} per cell
     * @param method how they were computed
     * @param note   why the one-pass method was not used, or {@code null}
     * @param reader how the one pass read its rows, or {@code null} for the general statement
     */
    public record Result(SdcTable table, Method method, String note, SortedUnitStatistics.Reader reader) {
    }

    /**
     * @param spark     the job's session
     * @param result    the validated query's result
     * @param output    an {@code aggregate} output spec
     * @param trySorted whether to try {@link SortedUnitStatistics} first (when its plan condition holds);
     *                  the general statement runs whenever the rows turn out not to be in unit order
     * @return the table with one {@link CellStatistics} per cell, and how it was computed
     * @throws JobFailure {@code output-column-missing} (status rejected) when the result lacks a column the output names
     */
    public static Result aggregate(SparkSession spark, Dataset<Row> result, OutputSpec output, boolean trySorted) {
        requireColumns(result, output);
        List<String> dims = output.groupBy();
        Optional<String> measure = output.measureColumn();
        String note = null;
        if (trySorted) {
            if (SortedUnitStatistics.applies(result, output)) {
                SortedUnitStatistics.Outcome sorted = SortedUnitStatistics.compute(result, output);
                if (sorted.cells().isPresent()) {
                    List<CellStatistics> stats = new ArrayList<>(sorted.cells().get());
                    stats.sort(CELL_ORDER);
                    return new Result(new SdcTable(dims, measure, stats), Method.SORTED_STREAM, null, sorted.reader());
                }
                note = sorted.reason();
            } else {
                note = "the plan does not read one table in file order";
            }
        }
        result.createOrReplaceTempView(RESULT_VIEW);
        try {
            List<CellStatistics> stats = new ArrayList<>();
            for (Row row : spark.sql(cellSql(dims, output.unit(), measure, output.margins())).collectAsList()) {
                stats.add(cell(row, dims.size(), measure.isPresent()));
            }
            stats.sort(CELL_ORDER);
            return new Result(new SdcTable(dims, measure, stats), Method.SHUFFLE, note, null);
        } finally {
            spark.catalog().dropTempView(RESULT_VIEW);
        }
    }

    /**
     * The whole computation as one SQL statement generated by the enclave from validated identifiers
     * (never researcher text), in three levels:
     * <ol>
     *   <li><b>fine</b>: one row per (cell, unit) at the finest level: the unit's contribution, rows and
     *       rows with a null measure. The unit is grouped on its 64-bit key {@code xxhash64(unit)}
     *       (see {@link #UNIT_KEY}), and with margins the rows are first distributed by that key alone,
     *       so that every row of a unit is in one partition: the levels above then need no shuffle of
     *       per-unit data;</li>
     *   <li><b>per unit</b> (with margins): each fine row is copied into every margin it belongs to
     *       (an inline array of structs, which keeps the partitioning by unit, unlike Spark's own
     *       {@code GROUPING SETS} expansion) and grouped again by (cell, unit): a unit present in two
     *       categories is one unit of the margin, contributing the sum of both;</li>
     *   <li><b>cells</b>: distinct units, rows, total, negatives, missing, and the two largest
     *       contributions by absolute value with the built-in {@code max_by(x, ord, 2)} (a bounded heap,
     *       no sort).</li>
     * </ol>
     * Only the cells reach the driver.
     */
    static String cellSql(List<String> dims, String unit, Optional<String> measure, boolean margins) {
        int n = dims.size();
        String m = measure.map(EnclaveAggregator::quote).orElse(null);
        List<String> quotedDims = dims.stream().map(EnclaveAggregator::quote).toList();
        boolean expand = margins && n > 0;
        String contrib = m == null ? "CAST(NULL AS DOUBLE)" : "sum(CAST(" + m + " AS DOUBLE))";
        String missing = m == null ? "0L" : "count_if(" + m + " IS NULL)";

        StringBuilder input = new StringBuilder("SELECT ");
        if (expand) {
            input.append("/*+ REPARTITION(__u) */ ");
        }
        for (String d : quotedDims) {
            input.append(d).append(", ");
        }
        if (m != null) {
            input.append(m).append(", ");
        }
        input.append(UNIT_KEY.formatted(quote(unit))).append(" AS __u FROM ").append(RESULT_VIEW);

        List<String> fineKeys = new ArrayList<>(quotedDims);
        fineKeys.add("__u");
        StringBuilder fine = new StringBuilder("SELECT ");
        if (expand) {
            fine.append(String.join(", ", fineKeys)).append(", ");
        } else {
            for (int i = 0; i < n; i++) {
                fine.append("CAST(").append(quotedDims.get(i)).append(" AS STRING) AS ").append(dimAlias(i))
                        .append(", 0 AS ").append(marginAlias(i)).append(", ");
            }
            fine.append("__u, ");
        }
        fine.append(contrib).append(" AS __c, count(1) AS __r, ").append(missing).append(" AS __x FROM (")
                .append(input).append(") __in GROUP BY ").append(String.join(", ", fineKeys));

        List<String> cellKeys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cellKeys.add(dimAlias(i));
            cellKeys.add(marginAlias(i));
        }
        String perUnit;
        if (!expand) {
            perUnit = fine.toString();
        } else {
            // Every subset of the dimensions, from the full cross-tab (mask all ones) down to the grand total.
            List<String> copies = new ArrayList<>();
            for (int mask = (1 << n) - 1; mask >= 0; mask--) {
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    boolean kept = (mask & (1 << i)) != 0;
                    fields.add((kept ? "CAST(" + quotedDims.get(i) + " AS STRING)" : "CAST(NULL AS STRING)") + " AS " + dimAlias(i));
                    fields.add((kept ? "0" : "1") + " AS " + marginAlias(i));
                }
                fields.add("__c AS __sc");
                fields.add("__r AS __sr");
                fields.add("__x AS __sx");
                copies.add("struct(" + String.join(", ", fields) + ")");
            }
            List<String> columns = new ArrayList<>(cellKeys);
            columns.addAll(List.of("__sc", "__sr", "__sx"));
            List<String> unitKeys = new ArrayList<>(cellKeys);
            unitKeys.add("__u");
            perUnit = "SELECT " + String.join(", ", unitKeys) + ", sum(__sc) AS __c, sum(__sr) AS __r, sum(__sx) AS __x FROM ("
                    + "SELECT __u, " + String.join(", ", columns) + " FROM (" + fine + ") __fine LATERAL VIEW inline(array("
                    + String.join(", ", copies) + ")) __copy AS " + String.join(", ", columns)
                    + ") __copies GROUP BY " + String.join(", ", unitKeys);
        }
        StringBuilder cells = new StringBuilder("SELECT ");
        for (String k : cellKeys) {
            cells.append(k).append(", ");
        }
        cells.append("count(1) AS units, sum(__r) AS rows, coalesce(sum(__c), 0D) AS total, count_if(__c < 0) AS negatives, ")
                .append("sum(__x) AS missing, ")
                .append(m == null ? "CAST(NULL AS ARRAY<DOUBLE>)" : "max_by(__c, abs(__c), " + TOP + ")").append(" AS top FROM (")
                .append(perUnit).append(") __units");
        if (!cellKeys.isEmpty()) {
            cells.append(" GROUP BY ").append(String.join(", ", cellKeys));
        }
        return cells.toString();
    }

    private static CellStatistics cell(Row row, int dims, boolean magnitude) {
        List<String> key = new ArrayList<>();
        for (int i = 0; i < dims; i++) {
            boolean margin = ((Number) row.getAs(marginAlias(i))).intValue() == 1;
            String value = row.getAs(dimAlias(i));
            key.add(margin ? null : value == null ? NULL_CATEGORY : value);
        }
        long units = row.<Long>getAs("units");
        long rows = row.<Long>getAs("rows");
        if (!magnitude) {
            return new CellStatistics(key, units, rows, null, List.of(), 0, 0);
        }
        List<Double> largest = new ArrayList<>();
        List<Object> top = row.getList(row.fieldIndex("top"));
        if (top != null) {
            for (Object v : top) {
                if (v != null) {
                    largest.add((Double) v);
                }
            }
        }
        return new CellStatistics(key, units, rows, row.<Double>getAs("total"), largest,
                row.<Long>getAs("negatives"), row.<Long>getAs("missing"));
    }

    /** Interior cells first, then margins by how many dimensions they sum over; then by key. */
    static final Comparator<CellStatistics> CELL_ORDER = Comparator
            .comparingLong((CellStatistics c) -> c.key().stream().filter(k -> k == null).count())
            .thenComparing(c -> c.key().stream().map(k -> k == null ? "\uffff" : k).collect(Collectors.joining("\u0000")));

    private static void requireColumns(Dataset<Row> result, OutputSpec output) {
        Set<String> columns = Arrays.stream(result.columns()).map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<String> needed = new ArrayList<>(output.groupBy());
        needed.add(output.unit());
        output.measureColumn().ifPresent(needed::add);
        for (String column : needed) {
            if (!columns.contains(column)) {
                throw new JobFailure(JobStatus.REJECTED, "output-column-missing",
                        "the query's result has no column " + column + " (named in the output spec); result columns: "
                                + Arrays.toString(result.columns()), null);
            }
        }
    }

    private static String dimAlias(int i) {
        return "__d" + i;
    }

    private static String marginAlias(int i) {
        return "__m" + i;
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
