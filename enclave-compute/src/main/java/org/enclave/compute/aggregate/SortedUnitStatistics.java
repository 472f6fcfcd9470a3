package org.enclave.compute.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.unsafe.types.UTF8String;
import org.enclave.compute.job.OutputSpec;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The per-cell statistics of {@link EnclaveAggregator} in one pass over the rows and without a shuffle,
 * when the rows arrive in unit order: a lake sorted by CSNS (the pseudonymiser's layout), read by a
 * plan that only scans, filters and projects one table, with the unit an opaque {@code pid} (so the
 * unit is the CSNS itself: {@code GrantedViews.Unit#CSNS}).
 *
 * <p>Each task reads its rows in file order. The rows of one unit are consecutive there, so each unit
 * is one <em>run</em>: its contribution to each cell is summed in a few entries and folded into the
 * cells (and their margins) when the run ends; the task keeps one small record per cell, whatever the
 * number of units. A task's rows form <em>segments</em> in non-decreasing unit order (a new segment
 * starts wherever the order goes back, e.g. at the next file); the first and last run of each segment
 * may continue in another task or file, so they are sent to the driver whole (<em>fragments</em>) and
 * merged there by unit before being folded.
 *
 * <p>IMPORTANT (exact, or not at all): the result is used only when the driver proves that no unit
 * was split other than at a fragment: sorted by their lowest unit, every segment must end at or below
 * where the next one begins, so that a unit found in two segments is the last unit of one and the first
 * of the other. Otherwise (rows out of order, a shuffle in the plan) the caller falls back to the
 * general statement. Nothing about the layout is taken on trust: a lake that is not sorted costs one
 * aborted pass (a task stops after {@value #MAX_SEGMENTS_PER_TASK} segments), never a wrong count.
 * Units are compared as unsigned bytes, the order the pseudonymiser writes.
 */
public final class SortedUnitStatistics {

    /** A task whose rows break into more segments than this is not reading a sorted lake: it stops. */
    public static final int MAX_SEGMENTS_PER_TASK = 4096;

    private static final String OPEN_COST = "spark.sql.files.openCostInBytes";
    /** Far above any split size: Spark then never puts two files in one task. */
    private static final String ONE_FILE_PER_TASK = String.valueOf(1L << 30);

    private SortedUnitStatistics() {
    }

    /** How a task read its rows: straight from the scan's column batches ({@link ColumnBatches}), or as rows. */
    public enum Reader {
        COLUMN_BATCHES("column-batches"),
        ROWS("rows");

        private final String json;

        Reader(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    /** The outcome: the cells, or why the rows were not in unit order; and how they were read. */
    public record Outcome(Optional<List<CellStatistics>> cells, String reason, Reader reader) {
        static Outcome unordered(String reason, Reader reader) {
            return new Outcome(Optional.empty(), reason, reader);
        }
    }

    /**
     * Whether the plan can deliver rows in file order: one scan, then only filters and projections (no
     * shuffle, join, sort or subquery), and a unit of a type compared by bytes.
     */
    public static boolean applies(Dataset<Row> result, OutputSpec output) {
        DataType unitType = result.schema().apply(result.schema().fieldIndex(output.unit())).dataType();
        if (!(unitType instanceof BinaryType) && !(unitType instanceof StringType)) {
            return false;
        }
        int scans = 0;
        Deque<LogicalPlan> todo = new ArrayDeque<>(List.of(result.queryExecution().optimizedPlan()));
        while (!todo.isEmpty()) {
            LogicalPlan plan = todo.pop();
            if (plan instanceof LogicalRelation) {
                scans++;
            } else if (!(plan instanceof Project) && !(plan instanceof Filter)) {
                return false;
            }
            Deque<Expression> expressions = new ArrayDeque<>(CollectionConverters.asJava(plan.expressions()));
            while (!expressions.isEmpty()) {
                Expression e = expressions.pop();
                if (e instanceof SubqueryExpression) {
                    return false;
                }
                expressions.addAll(CollectionConverters.asJava(e.children()));
            }
            todo.addAll(CollectionConverters.asJava(plan.children()));
        }
        return scans == 1;
    }

    /**
     * Computes the cells; {@link Outcome#cells()} is empty when the rows turned out not to be in unit order.
     *
     * @param result the query's result, holding the output's columns ({@link #applies} true)
     */
    public static Outcome compute(Dataset<Row> result, OutputSpec output) {
        return compute(result, output, Boolean.parseBoolean(System.getProperty(COLUMN_BATCHES_PROPERTY, "true")));
    }

    /**
     * System property: {@code false} makes the one pass read rows even where it could read column batches
     * (same statistics, slower); a switch for operators should a Spark upgrade change its column vectors.
     */
    public static final String COLUMN_BATCHES_PROPERTY = "enclave.compute.columnBatches";

    /** @param batches whether to read column batches when the plan allows it ({@link ColumnBatches}) */
    static Outcome compute(Dataset<Row> result, OutputSpec output, boolean batches) {
        int dims = output.groupBy().size();
        Optional<String> measure = output.measureColumn();
        boolean[] integral = new boolean[dims];
        for (int i = 0; i < dims; i++) {
            DataType type = result.schema().apply(result.schema().fieldIndex(output.groupBy().get(i))).dataType();
            // Integral dimensions stay numbers in the scan (their category, Spark's CAST AS STRING, is the
            // decimal form: made once per cell, not once per row).
            integral[i] = type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType || type instanceof LongType;
        }
        Shape shape = new Shape(dims, measure.isPresent(), output.margins() && dims > 0, integral);
        // One file (or one split of a file) per task: Spark otherwise packs small files into a task in
        // any order, and two files read in ascending order would look like one segment spanning the
        // files between them, which the check would then (rightly) refuse. Set while the plan is made.
        RuntimeConfig conf = result.sparkSession().conf();
        scala.Option<String> openCost = conf.getOption(OPEN_COST);
        conf.set(OPEN_COST, ONE_FILE_PER_TASK);
        Optional<ColumnBatches.Plan> columnar;
        RDD<InternalRow> rows;
        try {
            // One plan: the batch reader reads it when it can (not for small inputs, whose scan, without
            // whole-stage code generation, gives no batches), else its rows are read.
            Dataset<Row> input = rowInput(result, output, integral);
            columnar = batches ? ColumnBatches.plan(input, output) : Optional.empty();
            rows = columnar.isEmpty() ? input.queryExecution().toRdd() : null;
        } finally {
            if (openCost.isDefined()) {
                conf.set(OPEN_COST, openCost.get());
            } else {
                conf.unset(OPEN_COST);
            }
        }
        Optional<ColumnBatches.Plan> batchPlan = columnar;
        RDD<InternalRow> rowInput = rows;
        // The session's settings go to the tasks, as for Spark's own queries: the filter and computed columns
        // of the batch reader are compiled there.
        List<Partial> partials = SQLExecution.withSQLConfPropagated((org.apache.spark.sql.classic.SparkSession) result.sparkSession(),
                () -> batchPlan.isPresent()
                        ? batchPlan.get().batches().toJavaRDD().mapPartitions(new ColumnBatches.Task(shape, batchPlan.get().layout())).collect()
                        : rowInput.toJavaRDD().mapPartitions(new Task(shape)).collect());
        return merge(shape, partials, columnar.isPresent() ? Reader.COLUMN_BATCHES : Reader.ROWS);
    }

    /**
     * The rows read by {@link RowScan}, and the columns {@link ColumnBatches} reads: dimensions (strings or longs),
     * the measure as a double, the unit as bytes, in that order.
     */
    private static Dataset<Row> rowInput(Dataset<Row> result, OutputSpec output, boolean[] integral) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < integral.length; i++) {
            columns.add(col(quote(output.groupBy().get(i))).cast(integral[i] ? DataTypes.LongType : DataTypes.StringType));
        }
        columns.add(output.measureColumn().map(m -> col(quote(m)).cast(DataTypes.DoubleType)).orElse(lit(null).cast(DataTypes.DoubleType)));
        columns.add(col(quote(output.unit())).cast(DataTypes.BinaryType));
        return result.select(columns.toArray(Column[]::new));
    }

    /** What is computed: the number of dimensions, whether there is a measure, whether margins are. */
    record Shape(int dims, boolean magnitude, boolean margins, boolean[] integral) implements Serializable {

        /** The dimension masks computed: every subset with margins, else the full cross-tab only. */
        int[] masks() {
            if (!margins) {
                return new int[] {(1 << dims) - 1};
            }
            int[] masks = new int[1 << dims];
            for (int i = 0; i < masks.length; i++) {
                masks[i] = masks.length - 1 - i;
            }
            return masks;
        }
    }

    static Outcome merge(Shape shape, List<Partial> partials, Reader reader) {
        List<byte[][]> segments = new ArrayList<>();
        for (Partial p : partials) {
            if (p.reason != null) {
                return Outcome.unordered(p.reason, reader);
            }
            segments.addAll(p.segments);
        }
        Comparator<byte[][]> byBounds = (a, b) -> {
            int c = Arrays.compareUnsigned(a[0], b[0]);
            return c != 0 ? c : Arrays.compareUnsigned(a[1], b[1]);
        };
        segments.sort(byBounds);
        for (int i = 1; i < segments.size(); i++) {
            if (Arrays.compareUnsigned(segments.get(i - 1)[1], segments.get(i)[0]) > 0) {
                return Outcome.unordered("the rows of a unit are in more than one place", reader);
            }
        }
        Cells cells = new Cells(shape);
        int[] masks = shape.masks();
        for (Partial p : partials) {
            for (Acc acc : p.cells) {
                cells.acc(acc.key).merge(acc);
            }
        }
        // Fragments of one unit are summed per fine cell, then folded. The rows without a unit are one unit
        // of their own (null key), apart from a unit whose value is empty.
        Map<Optional<ByteBuffer>, Map<List<String>, Entry>> units = new LinkedHashMap<>();
        for (Partial p : partials) {
            for (Fragment f : p.fragments) {
                Map<List<String>, Entry> entries = units.computeIfAbsent(Optional.ofNullable(f.unit).map(ByteBuffer::wrap),
                        k -> new LinkedHashMap<>());
                for (Entry e : f.entries) {
                    entries.computeIfAbsent(Arrays.asList(e.key), k -> new Entry(e.key)).add(e);
                }
            }
        }
        Run run = new Run();
        for (Map<List<String>, Entry> unit : units.values()) {
            run.clear();
            for (Entry e : unit.values()) {
                run.add(cells.fine(e.key), e.sum, e.valued, e.rows, e.missing);
            }
            run.fold(masks, shape.magnitude());
        }
        if (shape.dims() == 0) {
            cells.acc(new ArrayList<>()); // one cell, even without rows
        }
        List<CellStatistics> stats = new ArrayList<>();
        for (Acc acc : cells.all()) {
            stats.add(acc.statistics(shape.magnitude()));
        }
        return new Outcome(Optional.of(stats), null, reader);
    }

    /** One task: scans its rows in order. */
    static final class Task implements FlatMapFunction<Iterator<InternalRow>, Partial> {
        private static final long serialVersionUID = 1L;
        private final Shape shape;

        Task(Shape shape) {
            this.shape = shape;
        }

        @Override
        public Iterator<Partial> call(Iterator<InternalRow> rows) {
            return List.of(new RowScan(shape).scan(rows)).iterator();
        }
    }

    /**
     * A task's units, runs and segments, whatever reads its rows: each row is handed over with its fine
     * cell and measure, and whether its unit is missing, the same as the previous row's, or another.
     */
    static final class Scan {
        private final Shape shape;
        private final int[] masks;
        private final Cells cells;
        private final Partial partial = new Partial();
        private final Run run = new Run();
        private final Run nullRun = new Run();
        private byte[] previous;
        private UTF8String previousView;
        private byte[] segmentMin;
        private boolean firstRunOfSegment;

        Scan(Shape shape) {
            this.shape = shape;
            this.masks = shape.masks();
            this.cells = new Cells(shape);
        }

        /** @param key the fine cell's categories, {@link EnclaveAggregator#NULL_CATEGORY} for a null value */
        Fine fine(String[] key) {
            return cells.fine(key);
        }

        /** Whether a unit was met: {@link #previous()} is then the last one. */
        boolean started() {
            return previous != null;
        }

        /** The last unit met, as a string over its bytes (for comparing in place). */
        UTF8String previous() {
            return previousView;
        }

        /** A row without a unit: all such rows count as one unit. */
        void withoutUnit(Fine cell, double value, boolean valued) {
            nullRun.add(cell, value, valued, 1, valued ? 0 : 1);
        }

        /** A row of the same unit as the previous row with a unit. */
        void sameUnit(Fine cell, double value, boolean valued) {
            run.add(cell, value, valued, 1, valued ? 0 : 1);
        }

        /**
         * A row whose unit differs from the previous one.
         *
         * @param unit the unit's bytes, kept (a copy, not a view of a reused buffer)
         * @return false when the task must stop: its rows are not in unit order ({@link #unordered()})
         */
        boolean nextUnit(Fine cell, double value, boolean valued, byte[] unit) {
            if (previous == null) {
                startSegment(unit);
            } else {
                int order = Arrays.compareUnsigned(unit, previous);
                if (order > 0) {
                    endRun(false);
                    previous = unit;
                    previousView = UTF8String.fromBytes(unit);
                } else if (order < 0) {
                    endRun(true);
                    if (partial.segments.size() >= MAX_SEGMENTS_PER_TASK) {
                        return false;
                    }
                    startSegment(unit);
                }
            }
            run.add(cell, value, valued, 1, valued ? 0 : 1);
            return true;
        }

        /** What a task that stopped sends: why. */
        static Partial unordered() {
            Partial unordered = new Partial();
            unordered.reason = "the rows are not in unit order (more than " + MAX_SEGMENTS_PER_TASK + " ordered runs in one task)";
            return unordered;
        }

        /** Ends the scan: the last run, the rows without a unit, the cells. */
        Partial finish() {
            if (previous != null) {
                endRun(true);
            }
            if (nullRun.size > 0) {
                partial.fragments.add(nullRun.fragment(null));
            }
            partial.cells.addAll(cells.all());
            return partial;
        }

        private void startSegment(byte[] unit) {
            segmentMin = unit;
            previous = unit;
            previousView = UTF8String.fromBytes(unit);
            firstRunOfSegment = true;
        }

        /** Ends the current run; the first and the last run of a segment go to the driver whole. */
        private void endRun(boolean lastOfSegment) {
            if (firstRunOfSegment || lastOfSegment) {
                partial.fragments.add(run.fragment(previous));
            } else {
                run.fold(masks, shape.magnitude());
            }
            run.clear();
            firstRunOfSegment = false;
            if (lastOfSegment) {
                partial.segments.add(new byte[][] {segmentMin, previous});
            }
        }
    }

    /** Reads a task's rows (dimensions, measure and unit, cast by the plan) into a {@link Scan}. */
    static final class RowScan {
        private final Shape shape;
        private final Scan scan;
        private final Map<Probe, Known> fine = new HashMap<>();
        private final Probe probe;
        private Probe lastKey;
        private Fine lastCell;

        RowScan(Shape shape) {
            this.shape = shape;
            this.scan = new Scan(shape);
            this.probe = new Probe(new UTF8String[shape.dims()], new long[shape.dims()], new boolean[shape.dims()]);
        }

        Partial scan(Iterator<InternalRow> rows) {
            int dims = shape.dims();
            boolean[] integral = shape.integral();
            int measureAt = dims;
            int unitAt = dims + 1;
            while (rows.hasNext()) {
                InternalRow row = rows.next();
                // A unit's consecutive rows are often in the same cell: compare with the last one first.
                if (lastKey == null || !sameCell(row, lastKey, integral)) {
                    for (int i = 0; i < dims; i++) {
                        boolean isNull = row.isNullAt(i);
                        probe.nulls[i] = isNull;
                        if (integral[i]) {
                            probe.numbers[i] = isNull ? 0 : row.getLong(i);
                        } else {
                            probe.values[i] = isNull ? null : row.getUTF8String(i);
                        }
                    }
                    probe.rehash();
                    Known known = fine.get(probe);
                    if (known == null) {
                        known = new Known(probe.copy(), scan.fine(probe.strings()));
                        fine.put(known.key(), known);
                    }
                    lastKey = known.key();
                    lastCell = known.fine();
                }
                Fine cell = lastCell;
                boolean valued = !row.isNullAt(measureAt);
                double value = valued ? row.getDouble(measureAt) : 0D;
                if (row.isNullAt(unitAt)) {
                    scan.withoutUnit(cell, value, valued);
                } else if (scan.started() && sameAsPrevious(row, unitAt)) {
                    scan.sameUnit(cell, value, valued);
                } else if (!scan.nextUnit(cell, value, valued, row.getBinary(unitAt))) {
                    return Scan.unordered();
                }
            }
            return scan.finish();
        }

        /** Whether the row's dimensions are those of {@code key} (a loop: the arrays are a few entries long). */
        private static boolean sameCell(InternalRow row, Probe key, boolean[] integral) {
            for (int i = 0; i < integral.length; i++) {
                boolean isNull = row.isNullAt(i);
                if (isNull != key.nulls[i]) {
                    return false;
                }
                if (isNull) {
                    continue;
                }
                if (integral[i] ? row.getLong(i) != key.numbers[i] : !row.getUTF8String(i).equals(key.values[i])) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether the row's unit equals the previous one, without copying it out of the row (Spark's
         * rows here are {@link UnsafeRow}s: a binary value is read in place, as the bytes of a string).
         */
        private boolean sameAsPrevious(InternalRow row, int unitAt) {
            if (row instanceof UnsafeRow unsafe) {
                return unsafe.getUTF8String(unitAt).equals(scan.previous());
            }
            return UTF8String.fromBytes(row.getBinary(unitAt)).equals(scan.previous());
        }
    }

    /** The rows of one unit so far: per fine cell, its contribution, rows and rows without a measure. */
    static final class Run {
        Fine[] cells = new Fine[8];
        double[] sums = new double[8];
        boolean[] valued = new boolean[8];
        long[] rows = new long[8];
        long[] missing = new long[8];
        int size;
        // Scratch space of fold(), per margin.
        private Acc[] targets = new Acc[8];
        private double[] tSums = new double[8];
        private boolean[] tValued = new boolean[8];
        private long[] tRows = new long[8];
        private long[] tMissing = new long[8];

        void add(Fine cell, double sum, boolean isValued, long r, long m) {
            for (int i = 0; i < size; i++) {
                if (cells[i] == cell) {
                    sums[i] += sum;
                    valued[i] |= isValued;
                    rows[i] += r;
                    missing[i] += m;
                    return;
                }
            }
            if (size == cells.length) {
                int n = size * 2;
                cells = Arrays.copyOf(cells, n);
                sums = Arrays.copyOf(sums, n);
                valued = Arrays.copyOf(valued, n);
                rows = Arrays.copyOf(rows, n);
                missing = Arrays.copyOf(missing, n);
                targets = new Acc[n];
                tSums = new double[n];
                tValued = new boolean[n];
                tRows = new long[n];
                tMissing = new long[n];
            }
            cells[size] = cell;
            sums[size] = sum;
            valued[size] = isValued;
            rows[size] = r;
            missing[size] = m;
            size++;
        }

        /** Adds this unit to every cell it is in, margins included: one unit per cell, its rows summed. */
        void fold(int[] masks, boolean magnitude) {
            for (int mask : masks) {
                int n = 0;
                for (int i = 0; i < size; i++) {
                    Acc target = cells[i].margins[mask];
                    int j = 0;
                    while (j < n && targets[j] != target) {
                        j++;
                    }
                    if (j == n) {
                        targets[n] = target;
                        tSums[n] = 0D;
                        tValued[n] = false;
                        tRows[n] = 0;
                        tMissing[n] = 0;
                        n++;
                    }
                    tSums[j] += sums[i];
                    tValued[j] |= valued[i];
                    tRows[j] += rows[i];
                    tMissing[j] += missing[i];
                }
                for (int j = 0; j < n; j++) {
                    targets[j].addUnit(tSums[j], tValued[j], tRows[j], tMissing[j], magnitude);
                    targets[j] = null;
                }
            }
        }

        Fragment fragment(byte[] unit) {
            Fragment f = new Fragment(unit);
            for (int i = 0; i < size; i++) {
                Entry e = new Entry(cells[i].key);
                e.sum = sums[i];
                e.valued = valued[i];
                e.rows = rows[i];
                e.missing = missing[i];
                f.entries.add(e);
            }
            return f;
        }

        void clear() {
            Arrays.fill(cells, 0, size, null);
            size = 0;
        }
    }

    /** The cells met so far, and for each fine cell the cells (itself and its margins) it adds to. */
    static final class Cells {
        private final Shape shape;
        private final Map<List<String>, Acc> accs = new LinkedHashMap<>();
        private final Map<List<String>, Fine> fines = new HashMap<>();

        Cells(Shape shape) {
            this.shape = shape;
        }

        /** @param key the fine cell's categories, {@link EnclaveAggregator#NULL_CATEGORY} for a null value */
        Fine fine(String[] key) {
            return fines.computeIfAbsent(Arrays.asList(key), k -> {
                Acc[] margins = new Acc[1 << shape.dims()];
                for (int mask : shape.masks()) {
                    List<String> cell = new ArrayList<>();
                    for (int i = 0; i < key.length; i++) {
                        cell.add((mask & (1 << i)) != 0 ? key[i] : null);
                    }
                    margins[mask] = acc(cell);
                }
                return new Fine(key, margins);
            });
        }

        Acc acc(List<String> key) {
            return accs.computeIfAbsent(key, Acc::new);
        }

        List<Acc> all() {
            return new ArrayList<>(accs.values());
        }
    }

    /** A task's fine cell with its own copy of the dimension values. */
    record Known(Probe key, Fine fine) {
    }

    /** A fine cell (every dimension set) and the cells, per mask, a unit in it counts in. */
    record Fine(String[] key, Acc[] margins) {
    }

    /** The running statistics of one cell; mergeable across tasks. */
    static final class Acc implements Serializable {
        private static final long serialVersionUID = 1L;
        final ArrayList<String> key;
        long units;
        long rows;
        double total;
        long negatives;
        long missing;
        int tops;
        double top1;
        double top2;

        Acc(List<String> key) {
            this.key = new ArrayList<>(key);
        }

        void addUnit(double contribution, boolean valued, long unitRows, long unitMissing, boolean magnitude) {
            units++;
            rows += unitRows;
            missing += unitMissing;
            if (magnitude && valued) {
                total += contribution;
                if (contribution < 0) {
                    negatives++;
                }
                top(contribution);
            }
        }

        private void top(double value) {
            double magnitude = Math.abs(value);
            if (tops == 0 || magnitude > Math.abs(top1)) {
                top2 = top1;
                top1 = value;
                tops = Math.min(tops + 1, 2);
            } else if (tops == 1 || magnitude > Math.abs(top2)) {
                top2 = value;
                tops = 2;
            }
        }

        void merge(Acc other) {
            units += other.units;
            rows += other.rows;
            total += other.total;
            negatives += other.negatives;
            missing += other.missing;
            if (other.tops > 0) {
                top(other.top1);
            }
            if (other.tops > 1) {
                top(other.top2);
            }
        }

        CellStatistics statistics(boolean magnitude) {
            if (!magnitude) {
                return new CellStatistics(key, units, rows, null, List.of(), 0, 0);
            }
            List<Double> top = tops == 0 ? List.of() : tops == 1 ? List.of(top1) : List.of(top1, top2);
            return new CellStatistics(key, units, rows, total, top, negatives, missing);
        }
    }

    /** One unit's rows in one fine cell, as sent to the driver. */
    static final class Entry implements Serializable {
        private static final long serialVersionUID = 1L;
        final String[] key;
        double sum;
        boolean valued;
        long rows;
        long missing;

        Entry(String[] key) {
            this.key = key;
        }

        void add(Entry other) {
            sum += other.sum;
            valued |= other.valued;
            rows += other.rows;
            missing += other.missing;
        }
    }

    /** The whole rows of one unit at a segment's edge ({@code unit} null: the rows without a unit). */
    static final class Fragment implements Serializable {
        private static final long serialVersionUID = 1L;
        final byte[] unit;
        final List<Entry> entries = new ArrayList<>();

        Fragment(byte[] unit) {
            this.unit = unit;
        }
    }

    /** What a task sends to the driver: its cells, segments and fragments, or why it stopped. */
    static final class Partial implements Serializable {
        private static final long serialVersionUID = 1L;
        final List<Acc> cells = new ArrayList<>();
        final List<byte[][]> segments = new ArrayList<>();
        final List<Fragment> fragments = new ArrayList<>();
        String reason;
    }

    /**
     * A reusable lookup key over a row's dimension values: strings (pointing into the row: copied on
     * insert) or, for integral dimensions, numbers.
     */
    static final class Probe {
        final UTF8String[] values;
        final long[] numbers;
        final boolean[] nulls;
        private int hash;

        Probe(UTF8String[] values, long[] numbers, boolean[] nulls) {
            this.values = values;
            this.numbers = numbers;
            this.nulls = nulls;
            rehash();
        }

        void rehash() {
            hash = (Arrays.hashCode(values) * 31 + Arrays.hashCode(numbers)) * 31 + Arrays.hashCode(nulls);
        }

        Probe copy() {
            UTF8String[] copy = new UTF8String[values.length];
            for (int i = 0; i < values.length; i++) {
                copy[i] = values[i] == null ? null : values[i].copy();
            }
            return new Probe(copy, numbers.clone(), nulls.clone());
        }

        /** The cell's categories: a string, the decimal form of a number, or the null category. */
        String[] strings() {
            String[] key = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                key[i] = nulls[i] ? EnclaveAggregator.NULL_CATEGORY : values[i] == null ? Long.toString(numbers[i]) : values[i].toString();
            }
            return key;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Probe p && Arrays.equals(nulls, p.nulls) && Arrays.equals(numbers, p.numbers)
                    && Arrays.equals(values, p.values);
        }
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
