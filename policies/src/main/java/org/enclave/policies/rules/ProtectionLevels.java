package org.enclave.policies.rules;

import org.enclave.policies.Reason;
import org.enclave.policies.Reasons;
import org.enclave.policies.Statistic;
import org.enclave.policies.policy.Policy;
import org.enclave.policies.table.CellTable;

/**
 * How far an attacker's interval for a primary cell must reach above and below its true value
 * (docs/policies.md, "Protection levels"). Computed after tau-Argus (manual 4.1, sections 2.3 and
 * 4.2.1) from each rule's sensitivity; a cell with several reasons needs the largest.
 *
 * <ul>
 *   <li>p%: {@code p*x1 - (T - x1 - x2)}; (n,k): {@code (x1+...+xn)/k - T}; both positive for a
 *       sensitive cell;</li>
 *   <li>threshold: count tables {@code minUnits - units} (the attacker cannot tell the cell from a
 *       publishable one); magnitude tables {@code frequencyRange * |T|} (tau-Argus' frequency safety
 *       range);</li>
 *   <li>zero: count tables {@code minUnits} (same formula with 0 units); magnitude tables
 *       {@code zeroRange} (tau-Argus' zero safety range, in the measure's units).</li>
 * </ul>
 * The lower level equals the upper level (symmetric, as tau-Argus), capped at the value itself when
 * values are non-negative: the attacker already knows the cell is not below 0, so asking for more
 * would make protection impossible by definition. A primary cell is never allowed a zero level: it is
 * at least {@link #FLOOR_COUNT} for counts and {@link #FLOOR_RELATIVE}{@code * max(1, |value|)} for
 * magnitudes, so that it can never be recomputed exactly.
 */
public final class ProtectionLevels {

    public static final double FLOOR_COUNT = 1.0;
    public static final double FLOOR_RELATIVE = 1e-6;

    private final CellTable table;
    private final Policy policy;
    private final PrimaryRules rules;

    public ProtectionLevels(CellTable table, PrimaryRules rules) {
        this.table = table;
        this.rules = rules;
        this.policy = rules.policy();
    }

    /** Upper protection level of a cell with reason mask {@code mask}; 0 if it has no suppression reason. */
    public double upper(int cell, int mask) {
        if (!Reasons.suppresses(mask)) {
            return 0.0;
        }
        boolean counts = table.statistic() == Statistic.COUNT;
        double value = table.publishedValue(cell);
        double level = 0.0;
        if (Reasons.has(mask, Reason.THRESHOLD)) {
            level = Math.max(level, counts
                    ? policy.threshold().minUnits() - table.units(cell)
                    : policy.protection().frequencyRange().doubleValue() * Math.abs(value));
        }
        if (Reasons.has(mask, Reason.ZERO)) {
            level = Math.max(level, counts ? policy.threshold().minUnits() : policy.protection().zeroRange().doubleValue());
        }
        if (Reasons.has(mask, Reason.NK_DOMINANCE)) {
            level = Math.max(level, rules.dominance().protectionLevel(table, cell));
        }
        if (Reasons.has(mask, Reason.P_PERCENT)) {
            level = Math.max(level, rules.pPercent().protectionLevel(table, cell));
        }
        double floor = counts ? FLOOR_COUNT : FLOOR_RELATIVE * Math.max(1.0, Math.abs(value));
        return Math.max(level, floor);
    }

    /** Lower protection level: the upper level, capped at the value when values are known non-negative. */
    public double lower(int cell, double upper, boolean nonNegative) {
        if (!nonNegative) {
            return upper;
        }
        return Math.max(0.0, Math.min(upper, table.publishedValue(cell)));
    }
}
