package org.enclave.policies.rules;

import org.enclave.policies.Reason;
import org.enclave.policies.table.CellTable;

/**
 * Minimum, maximum and percentile cells: a non-empty cell whose value is held by a single unit is
 * primary ({@code single-unit}) whatever the policy: publishing it publishes that person's value.
 * Whether such tables may be released at all is the policy's {@code extremes.allowed} switch,
 * applied to the whole table by {@code DisclosureCheck}. This rule has no parameter.
 */
public record SingleUnitRule() implements Rule {

    private static final int SINGLE = Reason.SINGLE_UNIT.bit();

    @Override
    public int evaluate(CellTable t, int i) {
        return t.statistic().extreme() && t.units(i) > 0 && t.determiningUnits(i) <= 1 ? SINGLE : 0;
    }

    @Override
    public void evaluateAll(CellTable t, int[] masks) {
        if (!t.statistic().extreme()) {
            return;
        }
        for (int i = 0, n = t.size(); i < n; i++) {
            masks[i] |= evaluate(t, i);
        }
    }
}
