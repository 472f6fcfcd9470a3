package org.enclave.policies.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One cell as the enclave computed it, for callers that handle cells one at a time (the rules'
 * {@code canRelease}/{@code checkRelease} questions, tests, small tables). Bulk evaluation uses the
 * columnar {@link CellTable}.
 *
 * <p>{@code toString} names the key only: the figures of a cell stay out of logs and messages.
 *
 * @param key              one entry per dimension; a {@code null} entry marks a margin over that dimension
 * @param units            distinct statistical units (persons) behind the cell, {@code >= 0}
 * @param rows             rows behind the cell, {@code >= units}
 * @param total            the cell total of the measure (magnitude tables), or {@code null}
 * @param top              largest unit contributions by absolute value, descending, each unit's rows summed
 * @param negatives        number of negative contributions
 * @param missing          number of missing contributions
 * @param value            the published statistic of a min/max/percentile table, or {@code null}
 * @param determiningUnits for min/max/percentile: distinct units whose value equals the statistic, or {@code null}
 * @param dof              for regression outputs: residual degrees of freedom, or {@code null}
 */
public record Cell(List<String> key, long units, long rows, Double total, double[] top, long negatives, long missing,
                   Double value, Long determiningUnits, Long dof) {

    public Cell {
        Objects.requireNonNull(key, "key");
        key = Collections.unmodifiableList(new ArrayList<>(key));
        top = top == null ? new double[0] : top.clone();
    }

    /** A cell of a frequency table. */
    public static Cell count(List<String> key, long units, long rows) {
        return new Cell(key, units, rows, null, null, 0, 0, null, null, null);
    }

    /** A cell of a magnitude (sum) table. */
    public static Cell magnitude(List<String> key, long units, long rows, double total, double... top) {
        return new Cell(key, units, rows, total, top, 0, 0, null, null, null);
    }

    public Cell withContributionFlags(long negatives, long missing) {
        return new Cell(key, units, rows, total, top, negatives, missing, value, determiningUnits, dof);
    }

    /** For min/max/percentile tables: the statistic and how many distinct units hold exactly that value. */
    public Cell withExtreme(double value, long determiningUnits) {
        return new Cell(key, units, rows, total, top, negatives, missing, value, determiningUnits, dof);
    }

    public Cell withDof(long dof) {
        return new Cell(key, units, rows, total, top, negatives, missing, value, determiningUnits, dof);
    }

    /**
     * The kind of table a lone cell belongs to, inferred from its fields: a regression output if it
     * has {@code dof}, an extreme if it has a {@code value}, a sum if it has a {@code total}, else a count.
     */
    public org.enclave.policies.Statistic impliedStatistic() {
        if (dof != null) {
            return org.enclave.policies.Statistic.REGRESSION;
        }
        if (value != null) {
            return org.enclave.policies.Statistic.MAX;
        }
        return total != null ? org.enclave.policies.Statistic.SUM : org.enclave.policies.Statistic.COUNT;
    }

    @Override
    public double[] top() {
        return top.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cell c && key.equals(c.key) && units == c.units && rows == c.rows
                && Objects.equals(total, c.total) && Arrays.equals(top, c.top) && negatives == c.negatives
                && missing == c.missing && Objects.equals(value, c.value)
                && Objects.equals(determiningUnits, c.determiningUnits) && Objects.equals(dof, c.dof);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, units, rows, total, Arrays.hashCode(top), negatives, missing, value, determiningUnits, dof);
    }

    /** Names the key only (cell figures may be disclosive). */
    @Override
    public String toString() {
        return "Cell" + key;
    }
}
