package org.enclave.policies.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.enclave.policies.Outcome;
import org.enclave.policies.Statistic;
import org.enclave.policies.TableStatus;
import org.enclave.policies.policy.Policy;
import org.enclave.policies.policy.PolicyLoader;
import org.enclave.policies.suppression.CellInterval;
import org.enclave.policies.table.Cell;
import org.enclave.policies.table.CellTable;
import org.enclave.policies.table.TableReader;
import org.junit.jupiter.api.Test;

/**
 * The whole check with the real secondary-suppression engine and its LP audit: primary rules, then
 * complementary suppressions, then the proof, as a released table goes through it.
 */
class DisclosureCheckWithSuppressionTest {

    private final Policy standard = Policy.defaults();

    @Test
    void bundledExamplePassesWithAProvenSecondary() throws Exception {
        CellTable table = TableReader.read(Path.of("examples/hospital-costs.json"));
        CheckResult r = DisclosureCheck.check(table, PolicyLoader.load("standard"));

        assertThat(r.status()).isEqualTo(TableStatus.PASS);
        assertThat(r.primaryCount()).isEqualTo(3);
        assertThat(r.secondaryCount()).isGreaterThanOrEqualTo(1);
        assertThat(r.suppression().allProtected()).isTrue();
        assertEveryPrimaryProtected(r);
        for (int c = 0; c < r.size(); c++) {
            if (r.suppressed(c)) {
                assertThat(r.published(c)).as("suppressed cell %d is never published", c).isNaN();
            }
        }
    }

    /**
     * The classic trap, reached through the rules: nine cells under the threshold sit in two closed
     * rectangles joined by one bridge cell, so every row and column holds at least two of them, yet
     * the bridge alone would be derivable. The engine must add complements until the audit proves
     * every primary, the bridge included.
     */
    @Test
    void fourByFourTrapIsRepairedThroughTheWholeCheck() throws Exception {
        long[][] body = {
                {5, 6, 40, 50},
                {4, 9, 3, 60},
                {70, 20, 8, 5},
                {60, 80, 4, 9}};
        CheckResult r = new DisclosureCheck(standard).check(grid(body), "trap");

        assertThat(r.primaryCount()).isEqualTo(9);
        assertThat(r.status()).isEqualTo(TableStatus.PASS);
        assertThat(r.secondaryCount()).isPositive();
        assertEveryPrimaryProtected(r);
        CellInterval bridge = interval(r, List.of("r1", "c2"));
        assertThat(bridge.upper() - bridge.lower()).as("bridge cell interval width").isPositive();
    }

    @Test
    void threeDimensionalTableWithNestedMarginsIsProtected() throws Exception {
        CellTable.Builder b = CellTable.builder(List.of("a", "b", "c"), null, Statistic.COUNT);
        long[][][] v = new long[3][3][2];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 2; k++) {
                    v[i][j][k] = 20 + 7 * i + 5 * j + 3 * k;
                }
            }
        }
        v[0][1][0] = 2;
        v[2][2][1] = 4;
        String[] as = {"a0", "a1", "a2", null};
        String[] bs = {"b0", "b1", "b2", null};
        String[] cs = {"c0", "c1", null};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 3; k++) {
                    long sum = 0;
                    for (int ii = 0; ii < 3; ii++) {
                        for (int jj = 0; jj < 3; jj++) {
                            for (int kk = 0; kk < 2; kk++) {
                                if ((i == 3 || i == ii) && (j == 3 || j == jj) && (k == 2 || k == kk)) {
                                    sum += v[ii][jj][kk];
                                }
                            }
                        }
                    }
                    b.add(Cell.count(Arrays.asList(as[i], bs[j], cs[k]), sum, sum));
                }
            }
        }
        CheckResult r = new DisclosureCheck(standard).check(b.build(), "cube");

        assertThat(r.primaryCount()).isEqualTo(2);
        assertThat(r.status()).isEqualTo(TableStatus.PASS);
        // In three dimensions one primary needs at least the 7 other corners of a box.
        assertThat(r.secondaryCount()).isGreaterThanOrEqualTo(7);
        assertEveryPrimaryProtected(r);
    }

    private static void assertEveryPrimaryProtected(CheckResult r) {
        int primaries = 0;
        for (CellInterval interval : r.suppression().intervals()) {
            if (interval.primary()) {
                primaries++;
                assertThat(interval.meetsProtection()).as("primary cell %d", interval.cell()).isTrue();
                assertThat(interval.upper()).isGreaterThan(interval.value());
            }
        }
        assertThat(primaries).isEqualTo(r.primaryCount());
        for (int c = 0; c < r.size(); c++) {
            if (r.outcome(c) == Outcome.PRIMARY) {
                assertThat(r.suppressed(c)).isTrue();
            }
        }
    }

    private static CellInterval interval(CheckResult r, List<String> key) {
        for (CellInterval interval : r.suppression().intervals()) {
            if (r.table().cell(interval.cell()).key().equals(key)) {
                return interval;
            }
        }
        throw new AssertionError("no interval for " + key);
    }

    /** An r x c count table named r0.., c0.. with every margin. */
    private static CellTable grid(long[][] body) {
        int rows = body.length;
        int cols = body[0].length;
        List<Cell> cells = new ArrayList<>();
        long grand = 0;
        long[] colSums = new long[cols];
        for (int i = 0; i < rows; i++) {
            long rowSum = 0;
            for (int j = 0; j < cols; j++) {
                cells.add(Cell.count(List.of("r" + i, "c" + j), body[i][j], body[i][j]));
                rowSum += body[i][j];
                colSums[j] += body[i][j];
            }
            cells.add(Cell.count(Arrays.asList("r" + i, null), rowSum, rowSum));
            grand += rowSum;
        }
        for (int j = 0; j < cols; j++) {
            cells.add(Cell.count(Arrays.asList(null, "c" + j), colSums[j], colSums[j]));
        }
        cells.add(Cell.count(Arrays.asList(null, null), grand, grand));
        CellTable.Builder b = CellTable.builder(List.of("row", "col"), null, Statistic.COUNT);
        cells.forEach(b::add);
        return b.build();
    }
}
