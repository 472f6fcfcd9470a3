package org.enclave.policies.suppression;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The defender's LP for one primary cell and one direction: the cheapest way to move the whole table
 * so that the primary reaches its protection level while every constraint still holds.
 *
 * <p>Variables: for every cell {@code c}, an upward deviation {@code u[c] >= 0} and a downward one
 * {@code 0 <= d[c] (<= value[c] if the table is non-negative, so that the moved table stays
 * feasible)}. Constraints: every additivity row holds for {@code u - d} (the moved table
 * {@code value + u - d} is then additive). The primary's own deviation is fixed at its protection
 * level. Objective: {@code sum cost[c] (u[c] + d[c])}, with a near-zero cost ({@link #REUSE_FACTOR})
 * for cells already suppressed, so existing suppressions are reused first and new ones are cheap
 * cells ({@link CostFunction}).
 *
 * <p>Every cell that moves in the optimum is then suppressed. The moved table is, by construction, a
 * table the attacker cannot exclude, so the primary's interval reaches its level in that direction;
 * it stays so while those cells stay suppressed ({@link Witness}). This is a linear relaxation of the
 * fixed-charge problem, in the spirit of the LP heuristics for the cell suppression problem of
 * Fischetti and Salazar-González and of sdcTable's attacker-problem iterations.
 */
final class ProtectionLp {

    /**
     * Suppressed cells cost this fraction of their cost rather than 0: reuse stays almost free, but
     * among reuses the LP prefers short moves, so each witness touches few cells and the cleanup
     * pass has fewer witnesses to re-prove per candidate.
     */
    static final double REUSE_FACTOR = 0.01;

    private final TableStructure structure;
    private final double[] values;
    private final boolean nonNegative;
    private final Tolerance tolerance;
    private final LpStatistics statistics;
    private final double[] cost;

    ProtectionLp(TableStructure structure, SuppressionInput input, Tolerance tolerance, LpStatistics statistics) {
        this.structure = structure;
        this.values = input.values();
        this.nonNegative = input.nonNegative();
        this.tolerance = tolerance;
        this.statistics = statistics;
        this.cost = new double[structure.cellCount()];
        for (int c = 0; c < cost.length; c++) {
            cost[c] = CostFunction.cost(values[c], structure.marginDepth(c));
        }
    }

    /**
     * @param amount     how far the primary must move (unscaled, positive)
     * @param suppressed the current pattern (cells that cost nothing)
     * @return the cells that move in the cheapest solution, including {@code primary}; {@code null} if
     *         no additive table moves the primary that far (for instance below zero)
     */
    Witness solve(int primary, boolean upward, double amount, boolean[] suppressed) {
        double scale = tolerance.scale();
        int n = structure.cellCount();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] up = new Variable[n];
        Variable[] down = new Variable[n];
        for (int c = 0; c < n; c++) {
            double weight = suppressed[c] ? REUSE_FACTOR * cost[c] : cost[c];
            up[c] = model.addVariable().lower(0).weight(weight);
            down[c] = model.addVariable().lower(0).weight(weight);
            if (nonNegative) {
                down[c].upper(values[c] / scale);
            }
        }
        (upward ? up : down)[primary].level(amount / scale);
        (upward ? down : up)[primary].level(0);
        for (int k = 0; k < structure.constraintCount(); k++) {
            Expression row = model.addExpression().level(0);
            int parent = structure.parent(k);
            row.set(up[parent], 1).set(down[parent], -1);
            for (int child : structure.children(k)) {
                row.set(up[child], -1).set(down[child], 1);
            }
        }
        statistics.protectionLps++;
        Optimisation.Result result = model.minimise();
        if (!result.getState().isOptimal()) {
            if (result.getState() != Optimisation.State.INFEASIBLE) {
                statistics.solverFailures++;
            }
            return null;
        }
        double threshold = tolerance.deviationThreshold() / scale;
        int[] moved = new int[n];
        int count = 0;
        for (int c = 0; c < n; c++) {
            // variable order: up[c] at 2c, down[c] at 2c + 1
            double deviation = result.doubleValue(2 * c) - result.doubleValue(2 * c + 1);
            if (Math.abs(deviation) > threshold || c == primary) {
                moved[count++] = c;
            }
        }
        return new Witness(java.util.Arrays.copyOf(moved, count));
    }
}
