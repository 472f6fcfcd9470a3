package org.enclave.policies.suppression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The attacker's view of a suppression pattern: for every suppressed cell, the feasibility interval
 * obtained by linear programming from the published cells, additivity and non-negativity.
 *
 * <p>Each bound is one LP ({@code min x[c]}, {@code max x[c]}) solved with ojAlgo over the connected
 * component of the attacker's system that contains the cell (see {@link AttackerModel}). With
 * non-negativity, a minimisation is skipped when an earlier optimal solution of the same component
 * already put the cell at 0: that solution is feasible and {@code x >= 0}, so 0 is the minimum.
 *
 * <p>Numerics ({@link Tolerance}): bounds within {@code tau = 1e-7 * max(1, max |value|)} of the
 * true value are snapped onto it, lower bounds are clamped at 0 for non-negative tables, and a
 * primary meets a level {@code L > 0} if its bound reaches it to within {@code min(tau, L / 2)}.
 * If the solver fails on a bound, that bound is reported as the true value (fail closed).
 */
public final class SuppressionAudit {

    private SuppressionAudit() {
    }

    /**
     * @param input      the table and its protection levels; not {@code null}
     * @param suppressed per cell, whether it is withheld from publication; not {@code null}, one entry
     *                   per cell, and every primary cell must be suppressed
     * @return one interval per suppressed cell, in cell order; never {@code null}
     * @throws IllegalArgumentException if the input or pattern is inconsistent (wrong lengths, keys,
     *                                  non-additive table, a primary left published)
     */
    public static List<CellInterval> audit(SuppressionInput input, boolean[] suppressed) {
        Objects.requireNonNull(input, "input");
        TableStructure structure = TableStructure.of(input);
        InputValidation.check(input, structure);
        InputValidation.checkPattern(input, suppressed);
        return run(input, structure, suppressed.clone(), Tolerance.of(input.values()), new LpStatistics());
    }

    static List<CellInterval> run(SuppressionInput input, TableStructure structure, boolean[] suppressed,
                                  Tolerance tolerance, LpStatistics statistics) {
        double[] values = input.values();
        AttackerModel model = new AttackerModel(structure, values, suppressed, input.nonNegative(), tolerance, statistics);
        boolean[] seenAtZero = new boolean[values.length];
        List<CellInterval> intervals = new ArrayList<>();
        for (int c = 0; c < values.length; c++) {
            if (!suppressed[c]) {
                continue;
            }
            double lower;
            if (input.nonNegative() && seenAtZero[c]) {
                lower = 0.0;
                statistics.trivialBounds++;
            } else {
                lower = bound(model.extreme(c, false, Double.NaN), seenAtZero, tolerance);
            }
            double upper = bound(model.extreme(c, true, Double.NaN), seenAtZero, tolerance);
            if (input.nonNegative()) {
                lower = Math.max(lower, 0.0);
            }
            lower = Math.min(tolerance.snap(lower, values[c]), values[c]);
            upper = Math.max(tolerance.snap(upper, values[c]), values[c]);
            boolean primary = input.primary()[c];
            boolean meets = !primary || (tolerance.meetsLower(values[c], lower, input.lowerProtection()[c])
                    && tolerance.meetsUpper(values[c], upper, input.upperProtection()[c]));
            intervals.add(new CellInterval(c, values[c], lower, upper, primary, meets));
        }
        return Collections.unmodifiableList(intervals);
    }

    private static double bound(AttackerModel.Extreme extreme, boolean[] seenAtZero, Tolerance tolerance) {
        double[] solution = extreme.solution();
        if (solution != null) {
            int[] cells = extreme.cells();
            for (int i = 0; i < cells.length; i++) {
                if (solution[i] <= tolerance.deviationThreshold()) {
                    seenAtZero[cells[i]] = true;
                }
            }
        }
        return extreme.bound();
    }

    /** {@code true} if every primary interval meets its protection levels. */
    static boolean allProtected(List<CellInterval> intervals) {
        for (CellInterval interval : intervals) {
            if (!interval.meetsProtection()) {
                return false;
            }
        }
        return true;
    }
}
