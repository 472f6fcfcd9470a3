package org.enclave.policies.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.enclave.policies.Statistic;
import org.enclave.policies.check.CheckResult;
import org.enclave.policies.check.DisclosureCheck;
import org.enclave.policies.policy.Policy;
import org.enclave.policies.table.Cell;
import org.enclave.policies.table.CellTable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the primary rules on one thread: a 1,000,000-cell 3-D magnitude table
 * (100 x 100 x 100), against a baseline measured in the same JVM: a loop that only reads the same
 * columns (units, total, two largest contributions) and sums them ("baseline: array scan").
 * Prints its figures; asserts nothing about time. Run with {@code ./mvnw -Pbench -pl policies test}.
 */
@Tag("bench")
class PrimaryRulesBench {

    private static final int SIDE = 100;
    private static final int WARMUP = 5;
    private static final int RUNS = 11;

    static CellTable table() {
        SplittableRandom rnd = new SplittableRandom(42);
        CellTable.Builder b = CellTable.builder(List.of("a", "b", "c"), "cost", Statistic.SUM);
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                for (int k = 0; k < SIDE; k++) {
                    long units = rnd.nextInt(8) == 0 ? rnd.nextInt(10) : 10 + rnd.nextInt(200);
                    double[] top;
                    double total;
                    if (units == 0) {
                        top = new double[0];
                        total = 0;
                    } else if (units == 1) {
                        double x1 = 100 + rnd.nextInt(5000);
                        top = new double[] {x1};
                        total = x1;
                    } else {
                        double x1 = 100 + rnd.nextInt(5000);
                        double x2 = rnd.nextInt((int) x1 + 1);
                        double rest = units == 2 ? 0 : rnd.nextInt((int) (x1 * units / 2) + 1);
                        top = new double[] {x1, x2};
                        total = x1 + x2 + rest;
                    }
                    b.add(Cell.magnitude(Arrays.asList("a" + i, "b" + j, "c" + k), units, units, total, top));
                }
            }
        }
        return b.build();
    }

    @Test
    void primaryRulesThroughput() throws Exception {
        CellTable t = table();
        int n = t.size();
        assertThat(n).isEqualTo(1_000_000);
        PrimaryRules rules = new PrimaryRules(Policy.defaults());

        long[] baseline = new long[RUNS];
        long[] primary = new long[RUNS];
        double sink = 0;
        for (int r = -WARMUP; r < RUNS; r++) {
            long t0 = System.nanoTime();
            sink += scan(t);
            long t1 = System.nanoTime();
            int[] masks = rules.evaluate(t);
            long t2 = System.nanoTime();
            sink += masks[r & 1023];
            if (r >= 0) {
                baseline[r] = t1 - t0;
                primary[r] = t2 - t1;
            }
        }
        Arrays.sort(baseline);
        Arrays.sort(primary);
        long baseMedian = baseline[RUNS / 2];
        long rulesMedian = primary[RUNS / 2];

        DisclosureCheck check = new DisclosureCheck(Policy.defaults());
        long c0 = System.nanoTime();
        CheckResult result = check.check(t, "bench");
        long firstCheck = System.nanoTime() - c0;
        long c1 = System.nanoTime();
        check.check(t, "bench");
        long repeatCheck = System.nanoTime() - c1;

        System.out.printf(Locale.ROOT, "%nprimary rules, 1,000,000-cell 3-D magnitude table, one thread (%d runs after %d warm-up)%n", RUNS, WARMUP);
        System.out.printf(Locale.ROOT, "  baseline: array scan   median %7.2f ms  %6.1f M cells/s%n", ms(baseMedian), rate(n, baseMedian));
        System.out.printf(Locale.ROOT, "  primary rules          median %7.2f ms  %6.1f M cells/s  (best %6.1f M cells/s)%n",
                ms(rulesMedian), rate(n, rulesMedian), rate(n, primary[0]));
        System.out.printf(Locale.ROOT, "  ratio rules / baseline %7.2f%n", (double) rulesMedian / baseMedian);
        System.out.printf(Locale.ROOT, "  whole check, first call (with consistency check) %7.0f ms  %5.1f M cells/s%n", ms(firstCheck), rate(n, firstCheck));
        System.out.printf(Locale.ROOT, "  whole check, table already checked                %7.0f ms  %5.1f M cells/s%n", ms(repeatCheck), rate(n, repeatCheck));
        System.out.printf(Locale.ROOT, "  %s  (sink %s)%n", result.summary(), sink > 0);
    }

    private static double scan(CellTable t) {
        double s = 0;
        for (int i = 0, n = t.size(); i < n; i++) {
            s += t.units(i) + t.total(i) + t.topAbs(i, 0) + t.topAbs(i, 1);
        }
        return s;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double rate(int cells, long nanos) {
        return cells / (nanos / 1e9) / 1e6;
    }
}
