package org.enclave.policies.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.enclave.policies.suppression.TableFixture.intervalOf;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SuppressionAuditTest {

    private static final double EPS = 1e-6;

    @Test
    void aCategorySuppressedAloneIsDerivedFromTheTotal() {
        TableFixture t = TableFixture.line(3, 10, 20).primary(0, 2, 2);
        List<CellInterval> intervals = SuppressionAudit.audit(t.input(), t.pattern());
        assertThat(intervals).hasSize(1);
        CellInterval a = intervals.get(0);
        assertThat(a.lower()).isEqualTo(3.0);
        assertThat(a.upper()).isEqualTo(3.0);
        assertThat(a.meetsProtection()).isFalse();
    }

    @Test
    void aCategoryWithTheTotalIsOnlyBoundedBelowByZero() {
        // A = T - B - C with T unknown: nothing bounds A from above. Protected, but the total is lost.
        TableFixture t = TableFixture.line(3, 10, 20).primary(0, 2, 2);
        int total = t.cell((Integer) null);
        List<CellInterval> intervals = SuppressionAudit.audit(t.input(), t.pattern(total));
        CellInterval a = intervalOf(intervals, 0);
        assertThat(a.lower()).isEqualTo(0.0);
        assertThat(a.upper()).isInfinite();
        assertThat(a.meetsProtection()).isTrue();
        CellInterval tot = intervalOf(intervals, total);
        assertThat(tot.lower()).isCloseTo(30.0, within(EPS));
        assertThat(tot.upper()).isInfinite();
        assertThat(tot.meetsProtection()).isTrue();
    }

    @Test
    void twoCategoriesShareTheirSum() {
        TableFixture t = TableFixture.line(3, 10, 20).primary(0, 2, 2);
        List<CellInterval> intervals = SuppressionAudit.audit(t.input(), t.pattern(1));
        assertThat(intervalOf(intervals, 0).lower()).isEqualTo(0.0);
        assertThat(intervalOf(intervals, 0).upper()).isCloseTo(13.0, within(EPS));
        assertThat(intervalOf(intervals, 1).lower()).isEqualTo(0.0);
        assertThat(intervalOf(intervals, 1).upper()).isCloseTo(13.0, within(EPS));
        assertThat(intervalOf(intervals, 1).primary()).isFalse();
    }

    @Test
    void rectangleIntervalsMatchTheHandSolution() {
        // x00 = 3+t, x01 = 5-t, x10 = 7-t, x11 = 9+t with every cell >= 0: t in [-3, 5]
        TableFixture t = TableFixture.grid(new double[][] {{3, 5}, {7, 9}}).primary(0, 2, 2);
        boolean[] pattern = t.pattern(t.cell(0, 1), t.cell(1, 0), t.cell(1, 1));
        List<CellInterval> intervals = SuppressionAudit.audit(t.input(), pattern);
        assertInterval(intervalOf(intervals, t.cell(0, 0)), 0, 8);
        assertInterval(intervalOf(intervals, t.cell(0, 1)), 0, 8);
        assertInterval(intervalOf(intervals, t.cell(1, 0)), 2, 10);
        assertInterval(intervalOf(intervals, t.cell(1, 1)), 6, 14);
        assertThat(intervalOf(intervals, t.cell(0, 0)).meetsProtection()).isTrue();
    }

    @Test
    void withoutNonNegativityTheRectangleIsUnbounded() {
        TableFixture t = TableFixture.grid(new double[][] {{3, 5}, {7, 9}}).primary(0, 2, 2);
        boolean[] pattern = t.pattern(t.cell(0, 1), t.cell(1, 0), t.cell(1, 1));
        CellInterval a = intervalOf(SuppressionAudit.audit(t.input(false), pattern), t.cell(0, 0));
        assertThat(a.lower()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(a.upper()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void protectionLevelsAreCheckedOnBothSides() {
        // x00 in [0, 8] with value 3: an upper level of 6 fails (needs 9), a lower level of 3 passes
        TableFixture t = TableFixture.grid(new double[][] {{3, 5}, {7, 9}}).primary(0, 6, 3);
        boolean[] pattern = t.pattern(t.cell(0, 1), t.cell(1, 0), t.cell(1, 1));
        assertThat(intervalOf(SuppressionAudit.audit(t.input(), pattern), t.cell(0, 0)).meetsProtection()).isFalse();
        TableFixture u = TableFixture.grid(new double[][] {{3, 5}, {7, 9}}).primary(0, 5, 3);
        assertThat(intervalOf(SuppressionAudit.audit(u.input(), pattern), u.cell(0, 0)).meetsProtection()).isTrue();
    }

    /**
     * The classic trap: every row and column of the 4x4 body holds at least two suppressed cells, yet
     * (1,2) is the only link between two closed rectangles, so it lies on no cycle and row 1 minus the
     * first rectangle's column and row sums gives it exactly.
     */
    @Test
    void fourByFourTrapIsFoundExactly() {
        TableFixture t = TrapTable.table();
        boolean[] pattern = TrapTable.pattern(t);
        for (int r = 0; r < 4; r++) {
            int inRow = 0;
            int inColumn = 0;
            for (int c = 0; c < 4; c++) {
                inRow += pattern[t.cell(r, c)] ? 1 : 0;
                inColumn += pattern[t.cell(c, r)] ? 1 : 0;
            }
            assertThat(inRow).isGreaterThanOrEqualTo(2);
            assertThat(inColumn).isGreaterThanOrEqualTo(2);
        }
        t.primary(t.cell(1, 2), 1, 1);
        List<CellInterval> intervals = SuppressionAudit.audit(t.input(), pattern);
        CellInterval bridge = intervalOf(intervals, t.cell(1, 2));
        assertThat(bridge.lower()).isEqualTo(3.0);
        assertThat(bridge.upper()).isEqualTo(3.0);
        assertThat(bridge.meetsProtection()).isFalse();
        // the rectangles themselves do move: x00 = 5+t, x01 = 6-t, x10 = 4-t, x11 = 9+t, t in [-5, 4]
        assertInterval(intervalOf(intervals, t.cell(0, 0)), 0, 9);
    }

    @Test
    void cubeIntervalsMatchTheHandSolutionIn3D() {
        // one free direction: +t on even-parity cells, -t on odd; t in [-min(even), min(odd)] = [-10, 11]
        TableFixture t = TableFixture.of(new int[] {2, 2, 2}, c -> 10 + c[0] + 2 * c[1] + 4 * c[2]).primary(0, 3, 3);
        int[] body = new int[8];
        int i = 0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 2; c++) {
                    body[i++] = t.cell(a, b, c);
                }
            }
        }
        List<CellInterval> intervals = SuppressionAudit.audit(t.input(), t.pattern(body));
        assertThat(intervals).hasSize(8);
        assertInterval(intervalOf(intervals, t.cell(0, 0, 0)), 0, 21);
        assertInterval(intervalOf(intervals, t.cell(1, 1, 1)), 6, 27); // odd parity: 17 - t
        // a 2x2 face alone is not enough in 3-D: the third dimension's lines pin it
        List<CellInterval> face = SuppressionAudit.audit(t.input(),
                t.pattern(t.cell(0, 1, 0), t.cell(1, 0, 0), t.cell(1, 1, 0)));
        assertThat(intervalOf(face, 0).upper()).isEqualTo(10.0);
    }

    @Test
    void aMissingMarginGivesNoConstraint() {
        // 2x2 body with row totals only: the column constraints do not exist
        List<List<String>> keys = List.of(key("a", "x"), key("a", "y"), key("a", null), key("b", "x"), key("b", "y"), key("b", null));
        double[] values = {4, 6, 10, 1, 2, 3};
        boolean[] primary = {true, false, false, false, false, false};
        SuppressionInput in = new SuppressionInput(List.of("r", "c"), keys, values, primary,
                new double[] {1, 0, 0, 0, 0, 0}, new double[] {1, 0, 0, 0, 0, 0}, true);
        List<CellInterval> intervals = SuppressionAudit.audit(in, new boolean[] {true, true, false, false, false, false});
        assertInterval(intervals.get(0), 0, 10);
    }

    @Test
    void aZeroCellCanOnlyMoveUp() {
        TableFixture t = TableFixture.grid(new double[][] {{0, 5}, {7, 9}}).primary(0, 2, 0);
        boolean[] pattern = t.pattern(t.cell(0, 1), t.cell(1, 0), t.cell(1, 1));
        CellInterval zero = intervalOf(SuppressionAudit.audit(t.input(), pattern), t.cell(0, 0));
        assertInterval(zero, 0, 5);
        assertThat(zero.meetsProtection()).isTrue();
    }

    @Test
    void rejectsInconsistentInputWithoutPrintingValues() {
        TableFixture t = TableFixture.line(12345, 67890).primary(0, 1, 1);
        SuppressionInput good = t.input();
        assertThatThrownBy(() -> SuppressionAudit.audit(good, new boolean[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 entries");
        assertThatThrownBy(() -> SuppressionAudit.audit(good, new boolean[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("primary cell is not suppressed");
        double[] broken = good.values().clone();
        broken[2] += 1;
        SuppressionInput notAdditive = new SuppressionInput(good.dimensions(), good.keys(), broken, good.primary(),
                good.upperProtection(), good.lowerProtection(), true);
        assertThatThrownBy(() -> SuppressionAudit.audit(notAdditive, t.pattern()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not additive")
                .message().doesNotContain("12345", "67890", "80235", "80236");
        SuppressionInput badKey = new SuppressionInput(good.dimensions(), List.of(key("0"), key("1", "x"), key((String) null)),
                good.values(), good.primary(), good.upperProtection(), good.lowerProtection(), true);
        assertThatThrownBy(() -> SuppressionAudit.audit(badKey, t.pattern()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cell 1: key must have 1 entries");
        SuppressionInput duplicate = new SuppressionInput(good.dimensions(), List.of(key("0"), key("0"), key((String) null)),
                good.values(), good.primary(), good.upperProtection(), good.lowerProtection(), true);
        assertThatThrownBy(() -> SuppressionAudit.audit(duplicate, t.pattern()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate key");
        double[] negative = {-1, 2, 1};
        SuppressionInput signed = new SuppressionInput(good.dimensions(), good.keys(), negative, good.primary(),
                good.upperProtection(), good.lowerProtection(), true);
        assertThatThrownBy(() -> SuppressionAudit.audit(signed, t.pattern()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative value");
        SuppressionInput badLevel = new SuppressionInput(good.dimensions(), good.keys(), good.values(), good.primary(),
                new double[] {Double.NaN, 0, 0}, good.lowerProtection(), true);
        assertThatThrownBy(() -> SuppressionAudit.audit(badLevel, t.pattern()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upper protection");
    }

    private static List<String> key(String... parts) {
        return Arrays.asList(parts);
    }

    private static void assertInterval(CellInterval interval, double lower, double upper) {
        assertThat(interval.lower()).as("lower of cell %d", interval.cell()).isCloseTo(lower, within(EPS));
        assertThat(interval.upper()).as("upper of cell %d", interval.cell()).isCloseTo(upper, within(EPS));
    }
}
