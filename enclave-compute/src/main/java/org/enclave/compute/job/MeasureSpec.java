package org.enclave.compute.job;

/**
 * A measure of an aggregate output.
 *
 * @param fn     what to compute per cell
 * @param column the measure column of the SQL result, {@code null} for {@link Fn#COUNT}
 */
public record MeasureSpec(Fn fn, String column) {

    /** Measure functions; the JSON spells them in lower case. */
    public enum Fn {
        /** Rows of the SQL result in the cell. */
        COUNT,
        /** Sum of the column over the cell's rows (nulls ignored). */
        SUM,
        /** Sum divided by the number of non-null values. */
        MEAN
    }

    /** The result column name, e.g. {@code count}, {@code sum_cost}, {@code mean_cost}. */
    public String outputName() {
        return fn == Fn.COUNT ? "count" : fn.name().toLowerCase(java.util.Locale.ROOT) + "_" + column;
    }
}
