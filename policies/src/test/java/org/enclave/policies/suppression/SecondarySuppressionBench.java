package org.enclave.policies.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Secondary suppression plus full audit on n x n tables with margins and ~5% primary cells.
 *
 * <p>Run with {@code ./mvnw -B -Pbench -pl policies test -Dtest=SecondarySuppressionBench}. The
 * baseline, measured in the same JVM, is the audit of the primary pattern alone (2 LPs per primary):
 * the least work any LP-proven method must do on the same table.
 */
@Tag("bench")
class SecondarySuppressionBench {

    private static final long SEED = 20240517L;

    @Test
    void tablesOf10x10To40x40() {
        System.out.println();
        System.out.println("run   size   cells prim  sec  sec.value  LPs(prot/clean/audit)  removed  protect+audit ms"
                + "  audit ms  baseline ms  ratio  allProtected");
        for (String run : new String[] {"cold", "warm", "warm"}) {
            for (int n : new int[] {10, 20, 40}) {
                long total = run(run, n);
                if (n == 40) {
                    assertThat(total).as("40x40 protect + full audit in ms").isLessThan(10_000);
                }
            }
        }
    }

    private static long run(String label, int n) {
        TableFixture t = table(n);
        SuppressionInput input = t.input();
        long t0 = System.nanoTime();
        SuppressionReport report = SecondarySuppression.protectWithStatistics(input);
        long t1 = System.nanoTime();
        List<CellInterval> audit = SuppressionAudit.audit(input, report.result().suppressed());
        long t2 = System.nanoTime();
        SuppressionAudit.audit(input, t.pattern());
        long t3 = System.nanoTime();
        SuppressionResult r = report.result();
        SuppressionStatistics s = report.statistics();
        assertThat(audit).isEqualTo(r.intervals());
        long totalMs = (t2 - t0) / 1_000_000;
        double baselineMs = (t3 - t2) / 1e6;
        {
            System.out.printf(Locale.ROOT, "%-5s %2dx%-2d %5d %4d %4d %10.0f  %5d (%d/%d/%d)  %7d  %16d  %8.1f  %11.1f  %5.1f  %s%n",
                    label, n, n, input.cellCount(), s.primaryCount(), r.secondaryCount(), r.secondaryValue(), s.totalLps(),
                    s.protectionLps(), s.cleanupLps(), s.auditLps(), s.removedByCleanup(), totalMs, (t2 - t1) / 1e6,
                    baselineMs, totalMs / baselineMs, r.allProtected());
        }
        assertThat(r.allProtected()).isTrue();
        return totalMs;
    }

    /** Body counts 5..104, except ~5% of cells drawn as primaries with counts 1..4; levels 3 up, min(3, value) down. */
    static TableFixture table(int n) {
        Random random = new Random(SEED + n);
        double[][] body = new double[n][n];
        boolean[][] sensitive = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sensitive[i][j] = random.nextDouble() < 0.05;
                body[i][j] = sensitive[i][j] ? 1 + random.nextInt(4) : 5 + random.nextInt(100);
            }
        }
        TableFixture t = TableFixture.grid(body);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (sensitive[i][j]) {
                    t.primary(t.cell(i, j), 3, Math.min(3, body[i][j]));
                }
            }
        }
        return t;
    }
}
