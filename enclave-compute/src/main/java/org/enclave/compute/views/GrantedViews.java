package org.enclave.compute.views;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.enclave.compute.job.JobFailure;
import org.enclave.compute.job.TableSpec;

/**
 * Turns each granted table into a temporary view holding only its granted columns, with {@code csns}
 * replaced by {@code pid}.
 *
 * <p>IMPORTANT: this is the hard wall behind the SQL guard's column checks. A view is a projection
 * of the granted columns over the Parquet scan, so the analyzer cannot reach any other column of the
 * file, nor the scan's hidden {@code _metadata} column (hidden columns do not pass through a
 * projection). {@code SELECT *} over a view therefore only ever expands to granted columns.
 *
 * <p>The pid function is an unnamed inline UDF: it is not in the session's function registry, so SQL
 * cannot call it (it would otherwise be an oracle for the project pseudonym of any chosen input).
 */
public final class GrantedViews {

    private GrantedViews() {
    }

    /**
     * Registers one view per table, with the project pseudonym.
     *
     * @return view name to visible columns, in spec order (what the guard validates against)
     * @throws JobFailure {@code table-unreadable}, {@code missing-column} or {@code schema-mismatch}
     */
    public static Map<String, List<String>> register(SparkSession spark, List<TableSpec> tables, PidFunction pid) {
        Lake lake = read(spark, tables, pid);
        lake.install(Unit.PSEUDONYM);
        return lake.visible();
    }

    /** What a view's {@code pid} column holds. */
    public enum Unit {
        /** The project pseudonym {@code HMAC(project key, csns)}: what researchers' SQL may ever see. */
        PSEUDONYM,
        /**
         * The CSNS bytes themselves, under the name {@code pid}, typed as the pseudonym is (binary).
         *
         * <p>IMPORTANT: only for an aggregate whose plan {@link OpaqueUnit} proved to use {@code pid}
         * as an opaque unit (passed through to the unit column and compared for equality with other
         * pids, nothing else): the pseudonym is a bijection of the CSNS, so every statistic is the same,
         * the HMAC of every row is saved, and the unit values never leave the enclave's aggregator.
         * Never for a {@code rows} output.
         */
        CSNS
    }

    /**
     * Reads every table's schema once and checks the granted columns; {@link Lake#install} then
     * registers the views.
     *
     * @throws JobFailure {@code table-unreadable}, {@code missing-column} or {@code schema-mismatch}
     */
    public static Lake read(SparkSession spark, List<TableSpec> tables, PidFunction pid) {
        UserDefinedFunction pseudonym = udf((UDF1<Object, byte[]>) value -> pid.pid(csnsBytes(value)), DataTypes.BinaryType)
                .withName("enclave_pid");
        Map<String, Dataset<Row>> pseudonymised = new LinkedHashMap<>();
        Map<String, Dataset<Row>> byCsns = new LinkedHashMap<>();
        Map<String, List<String>> visible = new LinkedHashMap<>();
        for (TableSpec table : tables) {
            Dataset<Row> stored = read(spark, table);
            Map<String, StructField> fields = new LinkedHashMap<>();
            for (StructField field : stored.schema().fields()) {
                fields.put(field.name().toLowerCase(Locale.ROOT), field);
            }
            List<String> missing = table.columns().stream().filter(c -> !fields.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw JobFailure.failed("missing-column", "table " + table.name() + " has no column " + String.join(", ", missing));
            }
            List<Column> projection = new ArrayList<>();
            List<Column> opaque = new ArrayList<>();
            for (String column : table.columns()) {
                StructField field = fields.get(column);
                if (column.equals(TableSpec.CSNS)) {
                    DataType type = field.dataType();
                    if (!(type instanceof BinaryType) && !(type instanceof StringType)) {
                        throw JobFailure.failed("schema-mismatch",
                                "table " + table.name() + ": csns must be binary or string, not " + type.simpleString());
                    }
                    projection.add(pseudonym.apply(col(quote(field.name()))).as(TableSpec.PID));
                    // A string CSNS becomes its UTF-8 bytes, as the pseudonym function reads it.
                    opaque.add(col(quote(field.name())).cast(DataTypes.BinaryType).as(TableSpec.PID));
                } else {
                    projection.add(col(quote(field.name())).as(column));
                    opaque.add(col(quote(field.name())).as(column));
                }
            }
            pseudonymised.put(table.name(), stored.select(projection.toArray(Column[]::new)));
            byCsns.put(table.name(), stored.select(opaque.toArray(Column[]::new)));
            visible.put(table.name(), table.visibleColumns());
        }
        return new Lake(pseudonymised, byCsns, visible);
    }

    /** The job's tables, read once, ready to be registered as views with either kind of unit. */
    public static final class Lake {
        private final Map<String, Dataset<Row>> pseudonymised;
        private final Map<String, Dataset<Row>> byCsns;
        private final Map<String, List<String>> visible;

        private Lake(Map<String, Dataset<Row>> pseudonymised, Map<String, Dataset<Row>> byCsns, Map<String, List<String>> visible) {
            this.pseudonymised = pseudonymised;
            this.byCsns = byCsns;
            this.visible = java.util.Collections.unmodifiableMap(visible);
        }

        /** (Re)registers every view with the given unit; a plan analysed before keeps the views it saw. */
        public void install(Unit unit) {
            (unit == Unit.PSEUDONYM ? pseudonymised : byCsns).forEach((name, view) -> view.createOrReplaceTempView(name));
        }

        /** View name to visible columns, in spec order. */
        public Map<String, List<String>> visible() {
            return visible;
        }
    }

    private static Dataset<Row> read(SparkSession spark, TableSpec table) {
        try {
            // A dataset version folder also holds manifest.json and quarantine.csv (pseudonymiser
            // contract): read only its Parquet parts.
            var reader = spark.read().option("pathGlobFilter", "*.parquet");
            // The footer's schema, read on the driver, spares Spark's inference job; else Spark infers it.
            LakeSchema.read(spark, table.path()).ifPresent(reader::schema);
            return reader.parquet(table.path());
        } catch (Exception e) {
            // AnalysisException (path not found, not Parquet) and Hadoop errors; the message names the
            // table, not the storage detail.
            throw new JobFailure(org.enclave.compute.job.JobStatus.FAILED, "table-unreadable",
                    "table " + table.name() + " cannot be read as Parquet at its lake path", e);
        }
    }

    private static byte[] csnsBytes(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        return value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
