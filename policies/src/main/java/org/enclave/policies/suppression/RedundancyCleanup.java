package org.enclave.policies.suppression;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Second pass of {@link SecondarySuppression}: tries to publish again each secondary cell, most
 * costly first, and keeps it published if every primary stays protected.
 *
 * <p>The greedy first pass adds cells primary by primary, so a cell chosen early is often made
 * unnecessary by cells chosen later. A candidate is checked against the {@link Witness witnesses}:
 * a witness that does not move the candidate still proves its primary; only the witnesses that do
 * move it need an LP ({@code max} or {@code min} of the primary over the pattern without the
 * candidate, capped at the level to prove, which also yields the replacement witness). No other LP
 * is needed, and the pattern is never left unproven: the final audit re-checks everything anyway.
 */
final class RedundancyCleanup {

    private RedundancyCleanup() {
    }

    /** @return the number of secondaries published again */
    static int run(SuppressionInput input, TableStructure structure, Tolerance tolerance, boolean[] suppressed,
                   boolean[] secondary, Witness[][] witnesses, LpStatistics statistics) {
        double[] values = input.values();
        List<Integer> candidates = new ArrayList<>();
        for (int c = 0; c < values.length; c++) {
            if (secondary[c]) {
                candidates.add(c);
            }
        }
        candidates.sort(Comparator.<Integer>comparingDouble(c -> -CostFunction.cost(values[c], structure.marginDepth(c)))
                .thenComparingInt(c -> c));
        AttackerModel model = new AttackerModel(structure, values, suppressed, input.nonNegative(), tolerance, statistics);
        int removed = 0;
        for (int candidate : candidates) {
            model.setFixed(candidate, true);
            List<int[]> affected = new ArrayList<>();
            List<Witness> replacements = new ArrayList<>();
            boolean stillProtected = true;
            for (int p = 0; p < values.length && stillProtected; p++) {
                for (int dir = 0; dir < 2 && stillProtected; dir++) {
                    Witness w = witnesses[p][dir];
                    if (w == null || !w.uses(candidate)) {
                        continue;
                    }
                    Witness replacement = reprove(input, model, tolerance, p, dir == SecondarySuppression.UP);
                    if (replacement == null) {
                        stillProtected = false;
                    } else {
                        affected.add(new int[] {p, dir});
                        replacements.add(replacement);
                    }
                }
            }
            if (stillProtected) {
                suppressed[candidate] = false;
                secondary[candidate] = false;
                for (int i = 0; i < affected.size(); i++) {
                    witnesses[affected.get(i)[0]][affected.get(i)[1]] = replacements.get(i);
                }
                removed++;
            } else {
                model.setFixed(candidate, false);
            }
        }
        return removed;
    }

    private static Witness reprove(SuppressionInput input, AttackerModel model, Tolerance tolerance, int p, boolean up) {
        double value = input.values()[p];
        double level = up ? input.upperProtection()[p] : input.lowerProtection()[p];
        double cap = up ? value + level : value - level;
        if (input.nonNegative()) {
            cap = Math.max(cap, 0.0);
        }
        AttackerModel.Extreme extreme = model.extreme(p, up, cap);
        if (!extreme.solved() || extreme.solution() == null) {
            return null;
        }
        boolean meets = up ? tolerance.meetsUpper(value, extreme.bound(), level)
                : tolerance.meetsLower(value, extreme.bound(), level);
        if (!meets) {
            return null;
        }
        return Witness.fromSolution(extreme.cells(), extreme.solution(), input.values(), tolerance.deviationThreshold());
    }
}
