package org.enclave.policies.rules;

import org.enclave.policies.Reason;
import org.enclave.policies.table.CellTable;

/**
 * Minimum frequency: a cell with {@code 0 < units < minUnits} is primary ({@code threshold}); a cell
 * with exactly {@code minUnits} units passes.
 *
 * <p>Zeros ({@code zero}), when {@code zerosDisclosive}: an empty cell ({@code units == 0}) says
 * "nobody in this group", and in a magnitude table a non-empty cell whose total is 0 with no negative
 * contribution says "every unit here contributed 0". Both are group disclosures. An empty cell gets
 * {@code zero}, never {@code threshold}: the two have separate switches. An all-zero magnitude cell
 * with too few units gets both. With
 * {@code zerosDisclosive = false} zero cells are released as they are.
 *
 * @param minUnits        least number of distinct units a released cell needs, {@code >= 1}
 * @param zerosDisclosive whether zero cells are primary
 */
public record ThresholdRule(int minUnits, boolean zerosDisclosive) implements Rule {

    private static final int THRESHOLD = Reason.THRESHOLD.bit();
    private static final int ZERO = Reason.ZERO.bit();

    public ThresholdRule {
        if (minUnits < 1) {
            throw new IllegalArgumentException("minUnits must be at least 1");
        }
    }

    @Override
    public int evaluate(CellTable t, int i) {
        return evaluate(t, i, t.hasContributions());
    }

    private int evaluate(CellTable t, int i, boolean magnitude) {
        long units = t.units(i);
        if (units == 0) {
            return zerosDisclosive ? ZERO : 0;
        }
        int mask = units < minUnits ? THRESHOLD : 0;
        if (magnitude && zerosDisclosive && t.total(i) == 0.0 && t.negatives(i) == 0) {
            // Every contribution is zero: the published 0 discloses each unit's value.
            mask |= ZERO;
        }
        return mask;
    }

    @Override
    public void evaluateAll(CellTable t, int[] masks) {
        boolean magnitude = t.hasContributions();
        for (int i = 0, n = t.size(); i < n; i++) {
            masks[i] |= evaluate(t, i, magnitude);
        }
    }
}
