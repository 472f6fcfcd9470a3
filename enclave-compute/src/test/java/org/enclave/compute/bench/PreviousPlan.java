package org.enclave.compute.bench;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udaf;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * The aggregator's previous plan (up to commit e0eca5b), kept for {@link AggregateBench} only so that
 * before and after are measured in the same run: per (cell, 32-byte pid) then {@code GROUPING SETS},
 * then a typed top-2 aggregator per cell.
 */
final class PreviousPlan {

    private PreviousPlan() {
    }

    /** Runs the previous statistics over the view {@code __enclave_result}; returns the cells. */
    static List<Row> cells(SparkSession spark, List<String> dims, String unit, Optional<String> measure) {
        var perUnit = spark.sql(perUnitSql(dims, unit, measure, true));
        List<Column> keys = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            keys.add(col("__d" + i));
            keys.add(col("__m" + i));
        }
        return perUnit.groupBy(keys.toArray(Column[]::new)).agg(
                count(lit(1)).as("units"),
                sum(col("__rows")).as("rows"),
                coalesce(sum(col("__contrib")), lit(0.0d)).as("total"),
                count_if(col("__contrib").lt(0)).as("negatives"),
                sum(col("__missing")).as("missing"),
                udaf(new TopTwoByMagnitude(), Encoders.DOUBLE()).apply(col("__contrib")).as("top")).collectAsList();
    }

    static String perUnitSql(List<String> dims, String unit, Optional<String> measure, boolean margins) {
        String m = measure.map(PreviousPlan::quote).orElse(null);
        String u = quote(unit);
        List<String> quotedDims = dims.stream().map(PreviousPlan::quote).toList();
        List<String> fineKeys = new ArrayList<>(quotedDims);
        fineKeys.add(u);
        String contrib = m == null ? "CAST(NULL AS DOUBLE)" : "sum(CAST(" + m + " AS DOUBLE))";
        String missing = m == null ? "0L" : "count_if(" + m + " IS NULL)";
        boolean expand = margins && !dims.isEmpty();
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < dims.size(); i++) {
            String d = quotedDims.get(i);
            select.append("CAST(").append(d).append(" AS STRING) AS ").append(dimAlias(i)).append(", ");
            select.append(expand ? "grouping(" + d + ")" : "0").append(" AS ").append(marginAlias(i)).append(", ");
        }
        if (!expand) {
            select.append(contrib).append(" AS __contrib, count(1) AS __rows, ").append(missing).append(" AS __missing ");
            select.append("FROM ").append("__enclave_result").append(" GROUP BY ").append(String.join(", ", fineKeys));
            return select.toString();
        }
        select.append("sum(__c) AS __contrib, sum(__r) AS __rows, sum(__x) AS __missing ");
        select.append("FROM (SELECT ").append(String.join(", ", fineKeys)).append(", ")
                .append(contrib).append(" AS __c, count(1) AS __r, ").append(missing).append(" AS __x FROM ")
                .append("__enclave_result").append(" GROUP BY ").append(String.join(", ", fineKeys)).append(") __fine ");
        select.append("GROUP BY GROUPING SETS (");
        List<String> sets = new ArrayList<>();
        int n = dims.size();
        // Every subset of the dimensions, each with the unit; from the full cross-tab down to the grand total.
        for (int mask = (1 << n) - 1; mask >= 0; mask--) {
            List<String> set = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    set.add(quotedDims.get(i));
                }
            }
            set.add(u);
            sets.add("(" + String.join(", ", set) + ")");
        }
        select.append(String.join(", ", sets)).append(")");
        return select.toString();
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

    /** The previous typed aggregate: the two largest contributions by absolute value. */
    public static final class TopTwo implements Serializable {
        private static final long serialVersionUID = 1L;
        private Double first;
        private Double second;

        public Double getFirst() {
            return first;
        }

        public void setFirst(Double first) {
            this.first = first;
        }

        public Double getSecond() {
            return second;
        }

        public void setSecond(Double second) {
            this.second = second;
        }

        TopTwo offer(Double value) {
            if (value == null) {
                return this;
            }
            if (first == null || Math.abs(value) > Math.abs(first)) {
                second = first;
                first = value;
            } else if (second == null || Math.abs(value) > Math.abs(second)) {
                second = value;
            }
            return this;
        }
    }

    static final class TopTwoByMagnitude extends Aggregator<Double, TopTwo, TopTwo> {
        private static final long serialVersionUID = 1L;

        @Override
        public TopTwo zero() {
            return new TopTwo();
        }

        @Override
        public TopTwo reduce(TopTwo buffer, Double value) {
            return buffer.offer(value);
        }

        @Override
        public TopTwo merge(TopTwo a, TopTwo b) {
            return a.offer(b.getFirst()).offer(b.getSecond());
        }

        @Override
        public TopTwo finish(TopTwo reduction) {
            return reduction;
        }

        @Override
        public Encoder<TopTwo> bufferEncoder() {
            return Encoders.bean(TopTwo.class);
        }

        @Override
        public Encoder<TopTwo> outputEncoder() {
            return Encoders.bean(TopTwo.class);
        }
    }
}
