package org.enclave.policies.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.enclave.policies.Outcome;
import org.enclave.policies.Reasons;
import org.enclave.policies.Statistic;
import org.enclave.policies.policy.Policy;
import org.enclave.policies.rounding.CountRounding;
import org.enclave.policies.rules.PrimaryRules;
import org.enclave.policies.rules.ProtectionLevels;
import org.enclave.policies.suppression.SuppressionInput;
import org.enclave.policies.suppression.SuppressionResult;
import org.enclave.policies.table.CellTable;
import org.enclave.policies.table.TableConsistency;
import org.enclave.policies.table.TableFormatException;

/**
 * The disclosure check of one table under one policy: the entry point that the compute job, the API
 * (re-checking at release time) and the CLI call.
 *
 * <ol>
 *   <li>the table is checked for consistency (once per table) and against the policy (the dominance
 *       rules need enough largest contributions);</li>
 *   <li>every primary rule runs over every cell ({@link PrimaryRules});</li>
 *   <li>table-level refusals: min/max/percentile tables when the policy refuses extremes, regression
 *       outputs with too few degrees of freedom;</li>
 *   <li>if the table is additive, has margins and has primary cells, their protection levels are
 *       computed ({@link ProtectionLevels}) and the {@link SecondarySuppressor} chooses complementary
 *       suppressions and audits them; if it cannot protect every primary, or fails, the table fails
 *       (fail closed);</li>
 *   <li>released counts are rounded when the policy says so, margins independently.</li>
 * </ol>
 * Pure: no I/O, no state between calls; safe to share between threads.
 */
public final class DisclosureCheck {

    private final Policy policy;
    private final SecondarySuppressor suppressor;
    private final PrimaryRules rules;

    /** A check with the enclave's secondary suppression. */
    public DisclosureCheck(Policy policy) {
        this(policy, SecondarySuppressor.standard());
    }

    /** A check with a given secondary-suppression step (tests, or another engine). */
    public DisclosureCheck(Policy policy, SecondarySuppressor suppressor) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.suppressor = Objects.requireNonNull(suppressor, "suppressor");
        this.rules = new PrimaryRules(policy);
    }

    /** Checks {@code table} under {@code policy} with the enclave's secondary suppression. */
    public static CheckResult check(CellTable table, Policy policy) throws TableFormatException {
        return new DisclosureCheck(policy).check(table, "table");
    }

    public Policy policy() {
        return policy;
    }

    public PrimaryRules rules() {
        return rules;
    }

    /**
     * @param table  the table; not {@code null}
     * @param source name of the input in error messages (a file name, {@code "table"}...)
     * @return the verdict; never {@code null}
     * @throws TableFormatException if the table is inconsistent or lacks what the policy's rules need
     */
    public CheckResult check(CellTable table, String source) throws TableFormatException {
        Objects.requireNonNull(table, "table");
        TableConsistency.check(table, source);
        requireContributions(table, source);

        int n = table.size();
        int[] masks = rules.evaluate(table);
        List<Refusal> refusals = new ArrayList<>();
        Statistic statistic = table.statistic();
        if (statistic.extreme() && !policy.extremes().allowed()) {
            refusals.add(new Refusal(Refusal.STATISTIC_REFUSED,
                    statistic.id() + " tables are refused by policy " + policy.name()));
        }
        if (statistic == Statistic.REGRESSION) {
            int low = 0;
            for (int m : masks) {
                if (Reasons.has(m, org.enclave.policies.Reason.DOF)) {
                    low++;
                }
            }
            if (low > 0) {
                refusals.add(new Refusal(Refusal.DOF, low + (low == 1 ? " model has" : " models have") + " fewer than "
                        + policy.regression().minResidualDf() + " residual degrees of freedom"));
            }
        }

        boolean[] primary = new boolean[n];
        int primaryCount = 0;
        for (int i = 0; i < n; i++) {
            if (Reasons.suppresses(masks[i])) {
                primary[i] = true;
                primaryCount++;
            }
        }

        Outcome[] outcomes = new Outcome[n];
        for (int i = 0; i < n; i++) {
            outcomes[i] = primary[i] ? Outcome.PRIMARY : Outcome.OK;
        }
        SuppressionResult suppression = null;
        if (primaryCount > 0 && statistic.additive() && table.hasMargins()) {
            suppression = secondary(table, masks, primary, refusals);
            if (suppression != null) {
                for (int i = 0; i < n; i++) {
                    if (!primary[i] && (suppression.secondary()[i] || suppression.suppressed()[i])) {
                        outcomes[i] = Outcome.SECONDARY;
                    }
                }
            }
        }

        double[] published = new double[n];
        CountRounding rounding = statistic == Statistic.COUNT ? policy.rounding().rounder() : null;
        for (int i = 0; i < n; i++) {
            if (outcomes[i] != Outcome.OK || statistic == Statistic.REGRESSION) {
                published[i] = Double.NaN;
            } else if (rounding != null) {
                // IMPORTANT: each cell, margins included, is rounded from its own true value (docs/policies.md).
                published[i] = rounding.round(table.rows(i));
            } else {
                published[i] = table.publishedValue(i);
            }
        }
        return new CheckResult(policy, table, masks, outcomes, published, refusals, suppression);
    }

    /** Runs secondary suppression; on failure records a refusal and returns {@code null}. */
    private SuppressionResult secondary(CellTable table, int[] masks, boolean[] primary, List<Refusal> refusals) {
        int n = table.size();
        boolean nonNegative = table.statistic() == Statistic.COUNT || !table.anyNegative();
        ProtectionLevels levels = new ProtectionLevels(table, rules);
        double[] values = new double[n];
        double[] upper = new double[n];
        double[] lower = new double[n];
        List<List<String>> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values[i] = table.publishedValue(i);
            keys.add(table.key(i));
            if (primary[i]) {
                upper[i] = levels.upper(i, masks[i]);
                lower[i] = levels.lower(i, upper[i], nonNegative);
            }
        }
        SuppressionInput input = new SuppressionInput(table.dimensions(), keys, values, primary, upper, lower, nonNegative);
        SuppressionResult result;
        try {
            result = suppressor.protect(input);
        } catch (RuntimeException e) {
            // Fail closed: without a proven suppression pattern nothing with margins leaves the enclave.
            refusals.add(new Refusal(Refusal.SUPPRESSION_FAILED,
                    "secondary suppression could not be run (" + e.getClass().getSimpleName() + ")"));
            return null;
        }
        if (result == null || result.suppressed() == null || result.secondary() == null
                || result.suppressed().length != n || result.secondary().length != n) {
            refusals.add(new Refusal(Refusal.SUPPRESSION_FAILED, "secondary suppression returned an incomplete result"));
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (primary[i] && !result.suppressed()[i]) {
                refusals.add(new Refusal(Refusal.SUPPRESSION_FAILED,
                        "secondary suppression left a primary cell unsuppressed"));
                return null;
            }
        }
        if (!result.allProtected()) {
            int unprotected = 0;
            if (result.intervals() != null) {
                for (var interval : result.intervals()) {
                    if (interval.primary() && !interval.meetsProtection()) {
                        unprotected++;
                    }
                }
            }
            refusals.add(new Refusal(Refusal.PROTECTION_NOT_ACHIEVED, unprotected > 0
                    ? unprotected + (unprotected == 1 ? " primary cell is" : " primary cells are") + " not protected to its protection levels"
                    : "the audit could not confirm the protection of every primary cell"));
        }
        return result;
    }

    /**
     * The p% rule needs the two largest contributions and the (n,k) rule the n largest: a non-empty
     * cell of a sum table must list at least {@code min(units, max(n, 2))} of them.
     */
    private void requireContributions(CellTable table, String source) throws TableFormatException {
        if (!table.hasContributions()) {
            return;
        }
        int needed = Math.max(2, policy.dominance().n());
        for (int i = 0; i < table.size(); i++) {
            long units = table.units(i);
            long want = Math.min(units, needed);
            if (table.topLength(i) < want) {
                throw new TableFormatException(source, TableConsistency.at(table, i) + ".top",
                        "policy " + policy.name() + " needs the " + want + " largest contributions, found "
                                + table.topLength(i));
            }
        }
    }
}
