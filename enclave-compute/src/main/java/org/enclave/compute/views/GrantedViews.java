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
     * Registers one view per table.
     *
     * @return view name to visible columns, in spec order (what the guard validates against)
     * @throws JobFailure {@code table-unreadable}, {@code missing-column} or {@code schema-mismatch}
     */
    public static Map<String, List<String>> register(SparkSession spark, List<TableSpec> tables, PidFunction pid) {
        UserDefinedFunction pseudonym = udf((UDF1<Object, byte[]>) value -> pid.pid(csnsBytes(value)), DataTypes.BinaryType)
                .withName("enclave_pid");
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
            for (String column : table.columns()) {
                StructField field = fields.get(column);
                if (column.equals(TableSpec.CSNS)) {
                    DataType type = field.dataType();
                    if (!(type instanceof BinaryType) && !(type instanceof StringType)) {
                        throw JobFailure.failed("schema-mismatch",
                                "table " + table.name() + ": csns must be binary or string, not " + type.simpleString());
                    }
                    projection.add(pseudonym.apply(col(quote(field.name()))).as(TableSpec.PID));
                } else {
                    projection.add(col(quote(field.name())).as(column));
                }
            }
            stored.select(projection.toArray(Column[]::new)).createOrReplaceTempView(table.name());
            visible.put(table.name(), table.visibleColumns());
        }
        return visible;
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
