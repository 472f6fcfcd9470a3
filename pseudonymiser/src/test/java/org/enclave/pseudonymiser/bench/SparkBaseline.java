package org.enclave.pseudonymiser.bench;

import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

/**
 * The benchmark's baseline, test scope only: a Spark {@code local[2]} job doing the same core work as the
 * pseudonymiser (CSV in, keyed HMAC-SHA-256 of the NIR column, Parquet out, same codec). It validates nothing and
 * generalises nothing, so it is the generous side of the comparison.
 * With a fourth argument {@code sorted} it also writes the pseudonymiser's layout: parts over disjoint CSNS
 * ranges, each sorted by CSNS ({@code repartitionByRange} and {@code sortWithinPartitions}), i.e. the same output
 * contract as {@code pseudonymiser run}.
 * Usage: {@code SparkBaseline INPUT.csv OUTPUT_DIR CODEC [sorted]}. Prints {@code spark_rows_per_s=<n>} for the
 * job (session start excluded).
 */
public final class SparkBaseline {
    private static final byte[] KEY = new byte[32];
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return m;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });

    private SparkBaseline() {
    }

    public static void main(String[] args) {
        String input = args[0];
        String output = args[1];
        String codec = args.length > 2 ? args[2] : "zstd";
        long s0 = System.nanoTime();
        SparkSession spark = SparkSession.builder().master("local[2]").appName("pseudonymiser-baseline")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        long s1 = System.nanoTime();
        StructType schema = new StructType()
            .add("nir", DataTypes.StringType).add("birth_date", DataTypes.StringType)
            .add("commune", DataTypes.StringType).add("age", DataTypes.StringType)
            .add("sex", DataTypes.StringType).add("admission", DataTypes.StringType)
            .add("cost", DataTypes.StringType);
        UserDefinedFunction hmac = udf((UDF1<String, byte[]>) nir -> nir == null ? null
            : MAC.get().doFinal(("CSNS-v1|" + nir.substring(0, Math.min(13, nir.length())))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII)), DataTypes.BinaryType);
        Dataset<Row> in = spark.read().option("header", "true").schema(schema).csv(input);
        Column[] cols = {hmac.apply(col("nir")).as("csns"), col("birth_date"), col("commune"), col("age"),
            col("sex"), col("admission"), col("cost")};
        Dataset<Row> out = in.select(cols);
        if (args.length > 3 && args[3].equals("sorted")) {
            out = out.repartitionByRange(32, col("csns")).sortWithinPartitions("csns");
        }
        out.write().option("compression", codec).parquet(output);
        long s2 = System.nanoTime();
        long rows = spark.read().parquet(output).count();
        spark.stop();
        double job = (s2 - s1) / 1e9;
        System.out.printf(Locale.ROOT, "spark_rows=%d%n", rows);
        System.out.printf(Locale.ROOT, "spark_session_s=%.2f%n", (s1 - s0) / 1e9);
        System.out.printf(Locale.ROOT, "spark_job_s=%.2f%n", job);
        System.out.printf(Locale.ROOT, "spark_rows_per_s=%.0f%n", rows / job);
    }
}
