package org.enclave.policies.rules;

import org.enclave.policies.Reason;
import org.enclave.policies.table.CellTable;

/**
 * Contribution problems that need a human: {@code negative} when the cell has negative contributions
 * (the dominance rules were designed for non-negative data, tau-Argus manual section 2.3), {@code missing}
 * when it has missing contributions. These reasons do not suppress the cell; they set the table's status
 * to {@code review}.
 *
 * @param negatives whether negative contributions are flagged
 * @param missing   whether missing contributions are flagged
 */
public record ReviewRule(boolean negatives, boolean missing) implements Rule {

    private static final int NEGATIVE = Reason.NEGATIVE.bit();
    private static final int MISSING = Reason.MISSING.bit();

    @Override
    public int evaluate(CellTable t, int i) {
        int mask = 0;
        if (negatives && (t.negatives(i) > 0 || t.publishedValue(i) < 0)) {
            mask |= NEGATIVE;
        }
        if (missing && t.missing(i) > 0) {
            mask |= MISSING;
        }
        return mask;
    }

    @Override
    public void evaluateAll(CellTable t, int[] masks) {
        if (!negatives && !missing) {
            return;
        }
        for (int i = 0, n = t.size(); i < n; i++) {
            masks[i] |= evaluate(t, i);
        }
    }
}
