package org.enclave.policies.suppression;

import java.util.List;
import java.util.Objects;

/**
 * Chooses complementary (secondary) suppressions for a table with margins, then proves the result
 * with {@link SuppressionAudit}.
 *
 * <p>Method (see {@code docs/secondary-suppression.md}):
 * <ol>
 *   <li>For each primary cell in index order and each direction (up, down) with a positive level and
 *       no valid {@link Witness} yet, solve the {@link ProtectionLp defender's LP}: the cheapest
 *       additive move of the table that takes the primary to its level, already-suppressed cells
 *       being free. Suppress every cell that moves and keep the move as the witness.</li>
 *   <li>{@link RedundancyCleanup}: publish again the secondaries that turn out unnecessary.</li>
 *   <li>Audit the pattern. {@code allProtected} is the audit's verdict, never assumed. If a primary
 *       falls short only numerically, its witness is dropped and the round is repeated with a
 *       slightly larger target (at most {@value #MAX_ROUNDS} rounds).</li>
 * </ol>
 * A primary whose level cannot be reached by any additive table (with non-negativity, a lower level
 * above the value: no feasible table puts the cell below 0) is left as is: the result then says
 * {@code allProtected == false} and the caller must not release the table.
 *
 * <p>Deterministic: cells are visited in index order, ties in cost are broken by index, and the LP
 * solver is deterministic, so the same input always gives the same pattern.
 */
public final class SecondarySuppression {

    static final int UP = 0;
    static final int DOWN = 1;
    static final int MAX_ROUNDS = 3;

    private SecondarySuppression() {
    }

    /**
     * Protects every primary cell of {@code input}.
     *
     * @param input the table, its primary cells and their protection levels; not {@code null}
     * @return the suppression pattern and the audit's intervals; never {@code null}
     * @throws IllegalArgumentException if the input is inconsistent (keys, lengths, non-finite or
     *                                  negative values or levels, a table that is not additive)
     */
    public static SuppressionResult protect(SuppressionInput input) {
        return protectWithStatistics(input).result();
    }

    /**
     * As {@link #protect}, also returning how many LPs each phase solved.
     *
     * @param input the table, its primary cells and their protection levels; not {@code null}
     * @return the result and its statistics; never {@code null}
     */
    public static SuppressionReport protectWithStatistics(SuppressionInput input) {
        Objects.requireNonNull(input, "input");
        TableStructure structure = TableStructure.of(input);
        InputValidation.check(input, structure);
        int n = input.cellCount();
        double[] values = input.values();
        boolean[] primary = input.primary();
        Tolerance tolerance = Tolerance.of(values);
        LpStatistics lps = new LpStatistics();
        boolean[] suppressed = primary.clone();
        boolean[] secondary = new boolean[n];
        Witness[][] witnesses = new Witness[n][2];
        boolean[][] unreachable = new boolean[n][2];
        ProtectionLp defender = new ProtectionLp(structure, input, tolerance, lps);
        List<CellInterval> intervals = List.of();
        int removed = 0;
        int cleanupLps = 0;
        int auditLps = 0;
        int rounds = 0;
        boolean allProtected = false;
        while (rounds < MAX_ROUNDS) {
            double extra = rounds * 4 * tolerance.tau();
            rounds++;
            for (int p = 0; p < n; p++) {
                if (!primary[p]) {
                    continue;
                }
                for (int dir = UP; dir <= DOWN; dir++) {
                    double level = dir == UP ? input.upperProtection()[p] : input.lowerProtection()[p];
                    if (level <= 0 || witnesses[p][dir] != null || unreachable[p][dir]) {
                        continue;
                    }
                    double amount = level + extra;
                    if (dir == DOWN && input.nonNegative()) {
                        if (level > values[p] + tolerance.tau()) {
                            unreachable[p][dir] = true;
                            continue;
                        }
                        amount = Math.min(amount, values[p]);
                    }
                    Witness witness = defender.solve(p, dir == UP, amount, suppressed);
                    if (witness == null) {
                        unreachable[p][dir] = true;
                        continue;
                    }
                    for (int c : witness.cells()) {
                        if (!suppressed[c]) {
                            suppressed[c] = true;
                            secondary[c] = true;
                        }
                    }
                    witnesses[p][dir] = witness;
                }
            }
            int before = lps.attackerLps;
            removed += RedundancyCleanup.run(input, structure, tolerance, suppressed, secondary, witnesses, lps);
            cleanupLps += lps.attackerLps - before;
            before = lps.attackerLps;
            intervals = SuppressionAudit.run(input, structure, suppressed, tolerance, lps);
            auditLps += lps.attackerLps - before;
            allProtected = SuppressionAudit.allProtected(intervals);
            if (allProtected || !dropShortWitnesses(input, tolerance, intervals, witnesses, unreachable)) {
                break;
            }
        }
        int secondaryCount = 0;
        double secondaryValue = 0;
        for (int c = 0; c < n; c++) {
            if (secondary[c]) {
                secondaryCount++;
                secondaryValue += values[c];
            }
        }
        SuppressionResult result = new SuppressionResult(suppressed, secondary, intervals, allProtected,
                secondaryCount, secondaryValue);
        SuppressionStatistics statistics = new SuppressionStatistics(count(primary), lps.protectionLps, cleanupLps,
                auditLps, lps.trivialBounds, removed, rounds, lps.solverFailures);
        return new SuppressionReport(result, statistics);
    }

    /** Forgets the witnesses the audit contradicts; {@code true} if another round may help. */
    private static boolean dropShortWitnesses(SuppressionInput input, Tolerance tolerance, List<CellInterval> intervals,
                                              Witness[][] witnesses, boolean[][] unreachable) {
        boolean retry = false;
        for (CellInterval interval : intervals) {
            int p = interval.cell();
            if (!interval.primary() || interval.meetsProtection()) {
                continue;
            }
            if (!tolerance.meetsUpper(interval.value(), interval.upper(), input.upperProtection()[p]) && !unreachable[p][UP]) {
                witnesses[p][UP] = null;
                retry = true;
            }
            if (!tolerance.meetsLower(interval.value(), interval.lower(), input.lowerProtection()[p]) && !unreachable[p][DOWN]) {
                witnesses[p][DOWN] = null;
                retry = true;
            }
        }
        return retry;
    }

    private static int count(boolean[] flags) {
        int count = 0;
        for (boolean flag : flags) {
            if (flag) {
                count++;
            }
        }
        return count;
    }
}
