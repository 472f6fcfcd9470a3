package org.enclave.compute.aggregate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.AttributeSet;
import org.apache.spark.sql.catalyst.expressions.BasePredicate;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.Predicate;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.FilterExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;
import org.enclave.compute.aggregate.SortedUnitStatistics.Fine;
import org.enclave.compute.aggregate.SortedUnitStatistics.Partial;
import org.enclave.compute.aggregate.SortedUnitStatistics.Scan;
import org.enclave.compute.aggregate.SortedUnitStatistics.Shape;
import org.enclave.compute.job.OutputSpec;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The rows of {@link SortedUnitStatistics} read straight from the scan's column batches, when the plan
 * is a columnar file scan with at most a filter and a projection: no row of the scan is built. A
 * dimension or measure that is a column of the scan (renamed, or under the row reader's own cast) is
 * read from its column vector: a dimension held in a dictionary is looked up once per batch and
 * distinct value, and a unit stored in a dictionary is compared by its dictionary id first. A computed
 * one (say {@code CASE WHEN age < 40 ...}) is evaluated with Spark's own projection of exactly the
 * expression the row reader would run, on the batch's row in place; the unit must be a column.
 *
 * <p>Anything else (another plan shape, a unit that is computed, a column type outside the short
 * list below, a scan that is not columnar) is read as rows; the statistics are the same either way.
 */
final class ColumnBatches {

    private ColumnBatches() {
    }

    /** How a column's values are read. */
    enum Kind {
        STRING, BYTE, SHORT, INT, LONG, DOUBLE, DECIMAL;

        boolean integral() {
            return this == BYTE || this == SHORT || this == INT || this == LONG;
        }

        static Optional<Kind> of(DataType type) {
            if (DataTypes.StringType.equals(type)) {
                return Optional.of(STRING); // the default collation only: categories are the bytes
            }
            if (type instanceof ByteType) {
                return Optional.of(BYTE);
            }
            if (type instanceof ShortType) {
                return Optional.of(SHORT);
            }
            if (type instanceof IntegerType) {
                return Optional.of(INT);
            }
            if (type instanceof LongType) {
                return Optional.of(LONG);
            }
            if (type instanceof DoubleType) {
                return Optional.of(DOUBLE);
            }
            if (type instanceof DecimalType) {
                return Optional.of(DECIMAL);
            }
            return Optional.empty();
        }
    }

    /**
     * Where the output's columns are in each batch, and the filter to apply to its rows.
     *
     * @param dims      per dimension: its column's ordinal in the batch, or {@code -1 - i} for the i-th
     *                  computed expression; and its kind (string or integral)
     * @param measure   the measure's source, as for a dimension, or {@link #NO_MEASURE}
     * @param unit      the unit's column ordinal
     * @param unitString whether the unit's column is a string (else binary)
     * @param filter    the plan's filter over the scan's columns, or {@code null}
     * @param computed  the computed dimensions and measure, over the scan's columns
     */
    record Layout(int[] dims, Kind[] dimKinds, int measure, Kind measureKind, int precision, int scale, int unit,
            boolean unitString, Expression filter, scala.collection.immutable.Seq<Expression> computed,
            scala.collection.immutable.Seq<Attribute> scanOutput) implements Serializable {
    }

    /** A plan read as column batches: the batches (one file or split per task) and their layout. */
    record Plan(RDD<ColumnarBatch> batches, Layout layout) {
    }

    /**
     * The column-batch plan of the row reader's input ({@code SortedUnitStatistics.rowInput}: dimensions,
     * measure, unit), when there is one; made (and the scan's tasks split) under the session's current
     * settings, so call it where the rows plan would be made.
     */
    static Optional<Plan> plan(Dataset<Row> input, OutputSpec output) {
        SparkPlan node = input.queryExecution().executedPlan();
        List<Attribute> wanted = CollectionConverters.asJava(node.output());
        ProjectExec project = null;
        FilterExec filter = null;
        FileSourceScanExec scan = null;
        while (scan == null) {
            if (node instanceof WholeStageCodegenExec w) {
                node = w.child();
            } else if (node instanceof InputAdapter a) {
                node = a.child();
            } else if (node instanceof ColumnarToRowExec c) {
                node = c.child();
            } else if (node instanceof ProjectExec p && project == null && filter == null) {
                project = p;
                node = p.child();
            } else if (node instanceof FilterExec f && filter == null) {
                filter = f;
                node = f.child();
            } else if (node instanceof FileSourceScanExec s) {
                scan = s;
            } else {
                return Optional.empty();
            }
        }
        if (!scan.supportsColumnar()) {
            return Optional.empty();
        }
        List<Attribute> scanOutput = CollectionConverters.asJava(scan.output());
        AttributeSet scanned = scan.outputSet();
        if (filter != null && !filter.condition().references().subsetOf(scanned)) {
            return Optional.empty();
        }
        int dims = output.groupBy().size();
        List<Expression> computed = new ArrayList<>();
        // Per output column: a column of the scan (ordinal >= 0) or a computed expression (-1 - its index).
        int[] sources = new int[dims + 2];
        Kind[] kinds = new Kind[dims + 2];
        for (int i = 0; i < dims + 2; i++) {
            if (i == dims && output.measureColumn().isEmpty()) {
                continue;
            }
            Expression definition = project == null ? wanted.get(i) : definition(project, wanted.get(i));
            Optional<Kind> column = column(definition, i < dims ? Role.DIMENSION : i == dims ? Role.MEASURE : Role.UNIT, scanOutput);
            if (column.isPresent()) {
                sources[i] = ordinal(scanOutput, (AttributeReference) stripCast(definition));
                kinds[i] = column.get();
            } else if (i < dims + 1 && definition.deterministic() && definition.references().subsetOf(scanned)) {
                // The row reader's own expression (its cast included): a string, a long or a double.
                sources[i] = -1 - computed.size();
                kinds[i] = i == dims ? Kind.DOUBLE : wanted.get(i).dataType() instanceof LongType ? Kind.LONG : Kind.STRING;
                computed.add(definition);
            } else {
                return Optional.empty();
            }
        }
        Layout layout = new Layout(Arrays.copyOfRange(sources, 0, dims), Arrays.copyOfRange(kinds, 0, dims),
                output.measureColumn().isPresent() ? sources[dims] : NO_MEASURE, kinds[dims], precision(scanOutput, sources[dims]),
                scale(scanOutput, sources[dims]), sources[dims + 1], scanOutput.get(sources[dims + 1]).dataType() instanceof StringType,
                filter == null ? null : filter.condition(),
                CollectionConverters.asScala(computed).toList(), scan.output());
        return Optional.of(new Plan(scan.executeColumnar(), layout));
    }

    /** Where an output column is used. */
    private enum Role {
        DIMENSION, MEASURE, UNIT
    }

    /** A measure's value when the output has none. */
    static final int NO_MEASURE = Integer.MIN_VALUE;

    /**
     * The kind of a column of the scan that a definition reads as it is: the attribute itself, or under the
     * row reader's cast when the vector's own value converts the same way (an integral dimension to a long, a
     * numeric measure to a double, a string unit to its bytes); empty for anything computed.
     */
    private static Optional<Kind> column(Expression definition, Role role, List<Attribute> scanOutput) {
        Expression source = stripCast(definition);
        if (!(source instanceof AttributeReference reference) || ordinal(scanOutput, reference) < 0) {
            return Optional.empty();
        }
        DataType type = reference.dataType();
        if (source != definition) {
            DataType target = definition.dataType();
            boolean same = switch (role) {
                case DIMENSION -> target instanceof LongType && Kind.of(type).filter(Kind::integral).isPresent();
                case MEASURE -> target instanceof DoubleType && Kind.of(type).filter(k -> k != Kind.STRING).isPresent();
                case UNIT -> target instanceof BinaryType && type instanceof StringType;
            };
            if (!same) {
                return Optional.empty();
            }
        }
        return switch (role) {
            case DIMENSION -> Kind.of(type).filter(k -> k == Kind.STRING || k.integral());
            case MEASURE -> Kind.of(type).filter(k -> k != Kind.STRING);
            case UNIT -> type instanceof BinaryType || type instanceof StringType ? Optional.of(Kind.STRING) : Optional.empty();
        };
    }

    private static Expression stripCast(Expression e) {
        return e instanceof Cast cast ? cast.child() : e;
    }

    private static int precision(List<Attribute> scanOutput, int source) {
        return source >= 0 && scanOutput.get(source).dataType() instanceof DecimalType d ? d.precision() : 0;
    }

    private static int scale(List<Attribute> scanOutput, int source) {
        return source >= 0 && scanOutput.get(source).dataType() instanceof DecimalType d ? d.scale() : 0;
    }

    /** What a projection defines an attribute as: an alias's expression, or the attribute passed through. */
    private static Expression definition(ProjectExec project, Attribute attribute) {
        for (NamedExpression e : CollectionConverters.asJava(project.projectList())) {
            if (e.exprId().equals(attribute.exprId())) {
                return e instanceof Alias alias ? alias.child() : (Expression) e;
            }
        }
        return attribute;
    }

    private static int ordinal(List<Attribute> attributes, AttributeReference reference) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).exprId().equals(reference.exprId())) {
                return i;
            }
        }
        return -1;
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * One task: scans its batches in order. A task that throws fails the job (it does not fall back to the
     * row reader): a failure is never a wrong count.
     */
    static final class Task implements FlatMapFunction<Iterator<ColumnarBatch>, Partial> {
        private static final long serialVersionUID = 1L;
        private final Shape shape;
        private final Layout layout;

        Task(Shape shape, Layout layout) {
            this.shape = shape;
            this.layout = layout;
        }

        @Override
        public Iterator<Partial> call(Iterator<ColumnarBatch> batches) {
            return List.of(new BatchScan(shape, layout).scan(batches)).iterator();
        }
    }

    /** Reads a task's batches into a {@link Scan}. */
    static final class BatchScan {
        private final Layout layout;
        private final Scan scan;
        private final Dimension[] dims;
        private final int[] current;
        private final BasePredicate filter;
        private final UnsafeProjection projection;
        private Object[] cells = new Object[8];
        private Fine cell;

        BatchScan(Shape shape, Layout layout) {
            this.layout = layout;
            this.scan = new Scan(shape);
            this.dims = new Dimension[layout.dims().length];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = new Dimension(layout.dimKinds()[i], layout.dims()[i]);
            }
            this.current = new int[dims.length];
            TaskContext task = TaskContext.get();
            int partition = task == null ? 0 : task.partitionId();
            if (layout.filter() == null) {
                this.filter = null;
            } else {
                this.filter = Predicate.create(layout.filter(), layout.scanOutput());
                filter.initialize(partition);
            }
            if (layout.computed().isEmpty()) {
                this.projection = null;
            } else {
                this.projection = UnsafeProjection.create(layout.computed(), layout.scanOutput());
                projection.initialize(partition);
            }
        }

        Partial scan(Iterator<ColumnarBatch> batches) {
            int batchNumber = 0;
            while (batches.hasNext()) {
                ColumnarBatch batch = batches.next();
                batchNumber++;
                for (Dimension d : dims) {
                    d.begin(batch, batchNumber);
                }
                ColumnVector measure = layout.measure() < 0 ? null : batch.column(layout.measure());
                int computedMeasure = layout.measure() < 0 && layout.measure() != NO_MEASURE ? -1 - layout.measure() : -1;
                ColumnVector unit = batch.column(layout.unit());
                WritableColumnVector unitIds = unit instanceof WritableColumnVector w && w.hasDictionary() ? w.getDictionaryIds() : null;
                // In place: Spark's writable vectors hold a binary value as the bytes of a string; other vectors
                // (a partition column's constant vector) are read through the accessor of their type.
                boolean unitInPlace = layout.unitString() || unit instanceof WritableColumnVector;
                int lastUnitId = -1;
                int rows = batch.numRows();
                for (int i = 0; i < rows; i++) {
                    if (filter != null && !filter.eval(batch.getRow(i))) {
                        continue;
                    }
                    InternalRow computed = projection == null ? null : projection.apply(batch.getRow(i));
                    boolean changed = cell == null;
                    for (int d = 0; d < dims.length; d++) {
                        int index = dims[d].computed() ? dims[d].index(computed) : dims[d].index(i);
                        if (index != current[d]) {
                            current[d] = index;
                            changed = true;
                        }
                    }
                    if (changed) {
                        cell = lookup();
                    }
                    boolean valued;
                    double value;
                    if (computedMeasure >= 0) {
                        valued = !computed.isNullAt(computedMeasure);
                        value = valued ? computed.getDouble(computedMeasure) : 0D;
                    } else {
                        valued = measure != null && !measure.isNullAt(i);
                        value = valued ? value(measure, i) : 0D;
                    }
                    if (unit.isNullAt(i)) {
                        scan.withoutUnit(cell, value, valued);
                        continue;
                    }
                    if (unitIds != null) {
                        // One dictionary per batch: the same id is the same unit.
                        int id = unitIds.getDictId(i);
                        if (id == lastUnitId) {
                            scan.sameUnit(cell, value, valued);
                            continue;
                        }
                        lastUnitId = id;
                    }
                    UTF8String bytes = unitInPlace ? unit.getUTF8String(i) : UTF8String.fromBytes(unit.getBinary(i));
                    if (scan.started() && bytes.equals(scan.previous())) {
                        scan.sameUnit(cell, value, valued);
                    } else if (!scan.nextUnit(cell, value, valued, bytes.copy().getBytes())) { // out of the reused vector
                        return Scan.unordered();
                    }
                }
            }
            return scan.finish();
        }

        private double value(ColumnVector measure, int row) {
            return switch (layout.measureKind()) {
                case DOUBLE -> measure.getDouble(row);
                case LONG -> measure.getLong(row);
                case INT -> measure.getInt(row);
                case SHORT -> measure.getShort(row);
                case BYTE -> measure.getByte(row);
                case DECIMAL -> measure.getDecimal(row, layout.precision(), layout.scale()).toDouble();
                case STRING -> throw new IllegalStateException("a string measure is read as rows");
            };
        }

        /** The fine cell of the current dimension indexes: a trie of arrays, one level per dimension. */
        private Fine lookup() {
            if (dims.length == 0) {
                if (cells[0] == null) {
                    cells[0] = scan.fine(new String[0]);
                }
                return (Fine) cells[0];
            }
            Object[] parent = null;
            int parentAt = -1;
            Object[] node = cells;
            for (int d = 0; ; d++) {
                int index = current[d];
                if (index >= node.length) {
                    node = Arrays.copyOf(node, Math.max(index + 1, node.length * 2));
                    if (parent == null) {
                        cells = node;
                    } else {
                        parent[parentAt] = node;
                    }
                }
                if (d == dims.length - 1) {
                    if (node[index] == null) {
                        String[] key = new String[dims.length];
                        for (int k = 0; k < dims.length; k++) {
                            key[k] = dims[k].category(current[k]);
                        }
                        node[index] = scan.fine(key);
                    }
                    return (Fine) node[index];
                }
                if (node[index] == null) {
                    node[index] = new Object[8];
                }
                parent = node;
                parentAt = index;
                node = (Object[]) node[index];
            }
        }
    }

    /**
     * One dimension's values in a task, each given a small index (0: null) once: by its dictionary id
     * within a batch whose column is held in a dictionary, else by its value (a column's, or a computed
     * expression's).
     */
    static final class Dimension {
        private final Kind kind;
        /** The column's ordinal in the batch, or {@code -1 - i} for the i-th computed expression. */
        private final int source;
        private final List<String> categories = new ArrayList<>(List.of(EnclaveAggregator.NULL_CATEGORY));
        private final Map<UTF8String, Integer> strings = new HashMap<>();
        private final List<UTF8String> stringKeys = new ArrayList<>();
        private final Map<Long, Integer> numbers = new HashMap<>();
        private ColumnVector vector;
        private WritableColumnVector ids;
        private boolean nulls;
        private int batch;
        private int[] byId = new int[64];
        private int[] stamp = new int[64];
        private int lastIndex = -1;
        private UTF8String lastString;
        private long lastNumber;

        Dimension(Kind kind, int source) {
            this.kind = kind;
            this.source = source;
        }

        boolean computed() {
            return source < 0;
        }

        void begin(ColumnarBatch columns, int batchNumber) {
            if (computed()) {
                return;
            }
            vector = columns.column(source);
            ids = vector instanceof WritableColumnVector w && w.hasDictionary() ? w.getDictionaryIds() : null;
            nulls = vector.hasNull();
            batch = batchNumber;
        }

        /** The index of a computed dimension's value in the projected row. */
        int index(InternalRow computed) {
            int at = -1 - source;
            if (computed.isNullAt(at)) {
                return 0;
            }
            return kind == Kind.STRING ? byString(computed.getUTF8String(at)) : byNumber(computed.getLong(at));
        }

        String category(int index) {
            return categories.get(index);
        }

        int index(int row) {
            if (nulls && vector.isNullAt(row)) {
                return 0;
            }
            if (ids == null) {
                return byValue(row);
            }
            int id = ids.getDictId(row);
            if (id < stamp.length && stamp[id] == batch) {
                return byId[id];
            }
            int index = byValue(row);
            if (id >= stamp.length) {
                int n = Math.max(id + 1, stamp.length * 2);
                stamp = Arrays.copyOf(stamp, n);
                byId = Arrays.copyOf(byId, n);
            }
            stamp[id] = batch;
            byId[id] = index;
            return index;
        }

        private int byValue(int row) {
            if (kind == Kind.STRING) {
                return byString(vector.getUTF8String(row));
            }
            return byNumber(switch (kind) {
                case BYTE -> vector.getByte(row);
                case SHORT -> vector.getShort(row);
                case INT -> vector.getInt(row);
                default -> vector.getLong(row);
            });
        }

        private int byString(UTF8String value) {
            if (lastString != null && value.equals(lastString)) {
                return lastIndex;
            }
            Integer index = strings.get(value);
            if (index == null) {
                UTF8String key = value.copy();
                index = categories.size();
                categories.add(key.toString());
                stringKeys.add(key);
                strings.put(key, index);
            }
            lastString = stringKeys.get(index - 1);
            lastIndex = index;
            return index;
        }

        private int byNumber(long value) {
            if (lastIndex >= 0 && value == lastNumber) {
                return lastIndex;
            }
            Integer index = numbers.get(value);
            if (index == null) {
                index = categories.size();
                categories.add(Long.toString(value));
                numbers.put(value, index);
            }
            lastNumber = value;
            lastIndex = index;
            return index;
        }
    }
}
