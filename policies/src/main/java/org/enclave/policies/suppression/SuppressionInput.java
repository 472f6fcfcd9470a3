package org.enclave.policies.suppression;

import java.util.List;
import java.util.Objects;

/**
 * A table with margins as secondary suppression sees it: cells, their published values, which are
 * primary suppressions and how much protection each primary needs.
 *
 * <p>Cells are identified by their index in these parallel arrays. Each key has one entry per
 * dimension; a {@code null} entry marks a margin (total) over that dimension, so in a 2-D table
 * {@code [r, null]} is the total of row {@code r} and {@code [null, null]} the grand total.
 * The additivity constraints are derived from the keys: a cell with {@code null} in dimension
 * {@code d} equals the sum of the cells that agree with it elsewhere and hold a category in {@code d}.
 *
 * @param dimensions      dimension names, at least one
 * @param keys            one key per cell, each of {@code dimensions.size()} entries
 * @param values          published value per cell (a count for frequency tables, a total for magnitude tables)
 * @param primary         {@code true} for cells suppressed by the primary rules
 * @param upperProtection required distance above the true value that an attacker's interval must reach
 *                        (0 for non-primary cells), never negative
 * @param lowerProtection required distance below the true value (0 for non-primary cells), never negative
 * @param nonNegative     whether every cell value is known to be {@code >= 0} (adds {@code x >= 0} to the
 *                        attacker's constraints, as tau-Argus and sdcTable do for counts and positive totals)
 */
public record SuppressionInput(
        List<String> dimensions,
        List<List<String>> keys,
        double[] values,
        boolean[] primary,
        double[] upperProtection,
        double[] lowerProtection,
        boolean nonNegative) {

    public SuppressionInput {
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(upperProtection, "upperProtection");
        Objects.requireNonNull(lowerProtection, "lowerProtection");
        int n = keys.size();
        if (values.length != n || primary.length != n || upperProtection.length != n || lowerProtection.length != n) {
            throw new IllegalArgumentException("cell arrays must all have " + n + " entries");
        }
    }

    public int cellCount() {
        return keys.size();
    }
}
