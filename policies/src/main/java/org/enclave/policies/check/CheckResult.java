package org.enclave.policies.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.enclave.policies.Outcome;
import org.enclave.policies.Reason;
import org.enclave.policies.Reasons;
import org.enclave.policies.TableStatus;
import org.enclave.policies.policy.Policy;
import org.enclave.policies.suppression.SuppressionResult;
import org.enclave.policies.table.CellTable;

/**
 * The verdict on one table: per cell its outcome, reasons and the value that would be published; per
 * table its status, refusals and one-line summary; and the secondary-suppression result if the step
 * ran. Immutable. {@code toString} gives the status and summary only.
 */
public final class CheckResult {

    private final Policy policy;
    private final CellTable table;
    private final int[] masks;
    private final Outcome[] outcomes;
    private final double[] published;
    private final TableStatus status;
    private final List<Refusal> refusals;
    private final SuppressionResult suppression;
    private final String summary;
    private final int[] reasonCounts;
    private final int primaryCount;
    private final int secondaryCount;
    private final int reviewCount;

    CheckResult(Policy policy, CellTable table, int[] masks, Outcome[] outcomes, double[] published,
                List<Refusal> refusals, SuppressionResult suppression) {
        this.policy = policy;
        this.table = table;
        this.masks = masks;
        this.outcomes = outcomes;
        this.published = published;
        this.refusals = List.copyOf(refusals);
        this.suppression = suppression;
        this.reasonCounts = new int[Reason.values().length];
        int primary = 0;
        int secondary = 0;
        int review = 0;
        for (int i = 0; i < masks.length; i++) {
            int m = masks[i];
            if (m != 0) {
                for (Reason r : Reason.values()) {
                    if ((m & r.bit()) != 0) {
                        reasonCounts[r.ordinal()]++;
                    }
                }
            }
            if (outcomes[i] == Outcome.PRIMARY) {
                primary++;
            } else if (outcomes[i] == Outcome.SECONDARY) {
                secondary++;
            }
            if (Reasons.needsReview(m)) {
                review++;
            }
        }
        this.primaryCount = primary;
        this.secondaryCount = secondary;
        this.reviewCount = review;
        this.status = !this.refusals.isEmpty() ? TableStatus.FAIL : review > 0 ? TableStatus.REVIEW : TableStatus.PASS;
        this.summary = Summary.line(primary, secondary, reasonCounts, this.refusals);
    }

    public Policy policy() {
        return policy;
    }

    public CellTable table() {
        return table;
    }

    public TableStatus status() {
        return status;
    }

    /** One line in the style {@code 3 cells suppressed: threshold 2, p-percent 1; 2 secondary}. */
    public String summary() {
        return summary;
    }

    public List<Refusal> refusals() {
        return refusals;
    }

    public int size() {
        return masks.length;
    }

    public Outcome outcome(int cell) {
        return outcomes[cell];
    }

    /** Reason bit mask of a cell (see {@link Reasons}). */
    public int mask(int cell) {
        return masks[cell];
    }

    public Set<Reason> reasons(int cell) {
        return Reasons.toSet(masks[cell]);
    }

    /** Whether the cell is withheld (primary or secondary). */
    public boolean suppressed(int cell) {
        return outcomes[cell] != Outcome.OK;
    }

    /**
     * The value that is published for the cell if the table is released: rounded for counts when the
     * policy rounds; {@link Double#NaN} for a suppressed cell and for regression outputs (no single value).
     */
    public double published(int cell) {
        return published[cell];
    }

    /** Number of cells that carry {@code reason}. */
    public int count(Reason reason) {
        return reasonCounts[reason.ordinal()];
    }

    public int primaryCount() {
        return primaryCount;
    }

    public int secondaryCount() {
        return secondaryCount;
    }

    /** Number of cells with a review reason. */
    public int reviewCount() {
        return reviewCount;
    }

    /** Whether secondary suppression ran (additive table with margins and at least one primary cell). */
    public boolean secondaryPerformed() {
        return suppression != null;
    }

    /** @return the secondary-suppression result, or {@code null} if the step did not run or failed */
    public SuppressionResult suppression() {
        return suppression;
    }

    /** Indices of the cells with outcome {@code secondary}. */
    public List<Integer> secondaryCells() {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == Outcome.SECONDARY) {
                list.add(i);
            }
        }
        return Collections.unmodifiableList(list);
    }

    @Override
    public String toString() {
        return "CheckResult[" + status.id() + ": " + summary + "]";
    }
}
