package org.enclave.policies.rules;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.enclave.policies.Reason;
import org.enclave.policies.Reasons;
import org.enclave.policies.policy.Policy;
import org.enclave.policies.table.Cell;
import org.enclave.policies.table.CellTable;

/**
 * Every primary rule of a policy, combined: a cell's reasons are the OR of each rule's reasons, so
 * any suppression reason suppresses it (deny wins).
 *
 * <p>{@link #evaluate(CellTable)} is the hot path: one {@code int} mask per cell, rule by rule over
 * the columnar arrays, no allocation per cell.
 */
public final class PrimaryRules {

    private final Policy policy;
    private final ThresholdRule threshold;
    private final DominanceRule dominance;
    private final PPercentRule pPercent;
    private final List<Rule> rules;

    public PrimaryRules(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.threshold = new ThresholdRule(policy.threshold().minUnits(), policy.threshold().zerosDisclosive());
        this.dominance = new DominanceRule(policy.dominance().n(), policy.dominance().k());
        this.pPercent = new PPercentRule(policy.pPercent().p());
        this.rules = List.of(threshold, dominance, pPercent,
                new ReviewRule(policy.review().negatives(), policy.review().missing()),
                new DegreesOfFreedomRule(policy.regression().minResidualDf()),
                new SingleUnitRule());
    }

    public Policy policy() {
        return policy;
    }

    public List<Rule> rules() {
        return rules;
    }

    public ThresholdRule threshold() {
        return threshold;
    }

    public DominanceRule dominance() {
        return dominance;
    }

    public PPercentRule pPercent() {
        return pPercent;
    }

    /** The reason mask of every cell, in cell order. */
    public int[] evaluate(CellTable table) {
        int[] masks = new int[table.size()];
        for (Rule rule : rules) {
            rule.evaluateAll(table, masks);
        }
        return masks;
    }

    /** The reason mask of one cell. */
    public int evaluate(CellTable table, int cell) {
        int mask = 0;
        for (Rule rule : rules) {
            mask |= rule.evaluate(table, cell);
        }
        return mask;
    }

    /** Every reason that applies to a lone cell (its table kind inferred from its fields). */
    public Set<Reason> evaluate(Cell cell) {
        return Reasons.toSet(evaluate(CellTable.single(cell.impliedStatistic(), cell), 0));
    }

    /** Whether no rule suppresses the cell. Review reasons do not prevent release of the cell itself. */
    public boolean canRelease(Cell cell) {
        return !Reasons.suppresses(Reasons.maskOf(evaluate(cell)));
    }

    /** @throws CellNotReleasableException naming every suppression reason that applies */
    public void checkRelease(Cell cell) {
        int mask = Reasons.maskOf(evaluate(cell)) & Reasons.SUPPRESS_MASK;
        if (mask != 0) {
            throw new CellNotReleasableException(cell.key(), Reasons.toSet(mask));
        }
    }
}
