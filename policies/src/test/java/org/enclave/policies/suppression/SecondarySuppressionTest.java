package org.enclave.policies.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.enclave.policies.suppression.TableFixture.intervalOf;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SecondarySuppressionTest {

    @Test
    void twoByTwoNeedsTheWholeRectangle() {
        TableFixture t = TableFixture.grid(new double[][] {{3, 5}, {7, 9}}).primary(0, 2, 2);
        SuppressionResult r = SecondarySuppression.protect(t.input());
        assertThat(suppressedCells(r)).containsExactly(t.cell(0, 0), t.cell(0, 1), t.cell(1, 0), t.cell(1, 1));
        assertThat(r.secondaryCount()).isEqualTo(3);
        assertThat(r.secondaryValue()).isEqualTo(21.0);
        assertThat(r.allProtected()).isTrue();
        CellInterval p = intervalOf(r.intervals(), 0);
        assertThat(p.lower()).isEqualTo(0.0);
        assertThat(p.upper()).isCloseTo(8.0, within(1e-6));
    }

    @Test
    void oneDimensionPrefersACategoryToTheTotal() {
        TableFixture t = TableFixture.line(3, 10, 20).primary(0, 2, 2);
        SuppressionResult r = SecondarySuppression.protect(t.input());
        assertThat(suppressedCells(r)).containsExactly(0, 1);
        assertThat(r.allProtected()).isTrue();
        assertThat(intervalOf(r.intervals(), 0).upper()).isCloseTo(13.0, within(1e-6));
    }

    @Test
    void oneDimensionUsesTheTotalWhenNoCategoryCanCompensate() {
        // B and C are 0: A cannot go up by moving them down, only with the total. Going down, the
        // total (already suppressed for the upward side, so free) absorbs the move too.
        TableFixture t = TableFixture.line(3, 0, 0).primary(0, 2, 2);
        int total = t.cell((Integer) null);
        SuppressionReport report = SecondarySuppression.protectWithStatistics(t.input());
        SuppressionResult r = report.result();
        assertThat(suppressedCells(r)).containsExactly(0, total);
        assertThat(r.allProtected()).isTrue();
        assertThat(intervalOf(r.intervals(), 0).upper()).isInfinite();
        assertThat(report.statistics().protectionLps()).isEqualTo(2);
    }

    @Test
    void anUnreachableLevelFailsTheTable() {
        // non-negative table, value 1, lower level 2: no feasible table puts the cell at -1
        TableFixture t = TableFixture.line(1, 10, 20).primary(0, 2, 2);
        SuppressionResult r = SecondarySuppression.protect(t.input());
        assertThat(r.allProtected()).isFalse();
        CellInterval p = intervalOf(r.intervals(), 0);
        assertThat(p.meetsProtection()).isFalse();
        assertThat(p.lower()).isEqualTo(0.0);
        assertThat(p.upper()).isGreaterThanOrEqualTo(3.0); // the upper side was still protected
    }

    @Test
    void aZeroPrimaryNeedsOnlyUpwardProtection() {
        TableFixture t = TableFixture.grid(new double[][] {{0, 5, 4}, {7, 9, 2}, {3, 3, 3}}).primary(0, 3, 0);
        SuppressionResult r = SecondarySuppression.protect(t.input());
        assertThat(r.allProtected()).isTrue();
        assertThat(intervalOf(r.intervals(), 0).upper()).isGreaterThanOrEqualTo(3.0);
    }

    @Test
    void theFourByFourTrapIsRepaired() {
        TableFixture t = TrapTable.table();
        for (int c : TrapTable.cells(t)) {
            t.primary(c, 1, 1);
        }
        assertThat(SuppressionAudit.allProtected(SuppressionAudit.audit(t.input(), t.pattern()))).isFalse();
        SuppressionResult r = SecondarySuppression.protect(t.input());
        assertThat(r.allProtected()).isTrue();
        assertThat(r.secondaryCount()).isGreaterThanOrEqualTo(1);
        CellInterval bridge = intervalOf(r.intervals(), t.cell(1, 2));
        assertThat(bridge.lower()).isLessThanOrEqualTo(2.0);
        assertThat(bridge.upper()).isGreaterThanOrEqualTo(4.0);
        assertThat(SuppressionAudit.audit(t.input(), r.suppressed())).isEqualTo(r.intervals());
    }

    @Test
    void threeDimensionsNeedACubeOfEightCells() {
        TableFixture t = TableFixture.of(new int[] {2, 2, 2}, c -> 10 + c[0] + 2 * c[1] + 4 * c[2]).primary(0, 3, 3);
        SuppressionResult r = SecondarySuppression.protect(t.input());
        assertThat(r.allProtected()).isTrue();
        assertThat(r.secondaryCount()).isEqualTo(7);
        for (int c : suppressedCells(r)) {
            assertThat(t.keys.get(c)).doesNotContainNull(); // the body cube, no margin
        }
    }

    @Test
    void nestedMarginsIn3DAreProtectedToo() {
        TableFixture t = TableFixture.of(new int[] {3, 3, 2}, c -> 1 + (c[0] * 7 + c[1] * 3 + c[2] * 5) % 11);
        t.primary(t.cell(0, 0, 0), 2, 1).primary(t.cell(1, null, 1), 3, 3).primary(t.cell(2, 2, null), 2, 2);
        SuppressionResult r = SecondarySuppression.protect(t.input());
        assertThat(r.allProtected()).isTrue();
        assertThat(SuppressionAudit.audit(t.input(), r.suppressed())).isEqualTo(r.intervals());
    }

    @Test
    void signedMagnitudeTablesWork() {
        TableFixture t = TableFixture.grid(new double[][] {{-3.5, 5.25, 1}, {7, -9, 2.5}, {4, 4, -4}}).primary(0, 2, 2);
        SuppressionResult r = SecondarySuppression.protect(t.input(false));
        assertThat(r.allProtected()).isTrue();
    }

    @Test
    void noPrimaryMeansNothingSuppressed() {
        TableFixture t = TableFixture.grid(new double[][] {{3, 5}, {7, 9}});
        SuppressionResult r = SecondarySuppression.protect(t.input());
        assertThat(r.allProtected()).isTrue();
        assertThat(r.intervals()).isEmpty();
        assertThat(r.secondaryCount()).isZero();
    }

    @Test
    void resultIsDeterministicAndConsistent() {
        TableFixture t = TableFixture.grid(new double[][] {
                {4, 1, 12, 7, 3}, {9, 2, 6, 6, 15}, {1, 8, 3, 10, 2}, {5, 5, 5, 1, 9}});
        t.primary(t.cell(0, 1), 2, 1).primary(t.cell(2, 0), 3, 1).primary(t.cell(3, 3), 2, 1).primary(t.cell(1, 1), 2, 2);
        SuppressionReport first = SecondarySuppression.protectWithStatistics(t.input());
        SuppressionReport second = SecondarySuppression.protectWithStatistics(t.input());
        SuppressionResult r = first.result();
        assertThat(second.result().suppressed()).isEqualTo(r.suppressed());
        assertThat(second.result().secondary()).isEqualTo(r.secondary());
        assertThat(second.result().intervals()).isEqualTo(r.intervals());
        assertThat(second.statistics()).isEqualTo(first.statistics());
        assertThat(r.allProtected()).isTrue();
        double value = 0;
        int count = 0;
        for (int c = 0; c < r.suppressed().length; c++) {
            assertThat(r.secondary()[c]).isEqualTo(r.suppressed()[c] && !t.primary[c]);
            if (r.secondary()[c]) {
                count++;
                value += t.values[c];
            }
        }
        assertThat(r.secondaryCount()).isEqualTo(count);
        assertThat(r.secondaryValue()).isEqualTo(value);
        assertThat(SuppressionAudit.audit(t.input(), r.suppressed())).isEqualTo(r.intervals());
    }

    @Test
    void cleanupLeavesNoRemovableSecondary() {
        TableFixture t = TableFixture.grid(new double[][] {
                {4, 1, 12, 7, 3}, {9, 2, 6, 6, 15}, {1, 8, 3, 10, 2}, {5, 5, 5, 1, 9}});
        t.primary(t.cell(0, 1), 2, 1).primary(t.cell(2, 0), 3, 1).primary(t.cell(3, 3), 2, 1).primary(t.cell(1, 1), 2, 2);
        SuppressionResult r = SecondarySuppression.protect(t.input());
        assertThat(r.allProtected()).isTrue();
        assertLocallyMinimal(t.input(), r);
    }

    /** Protection is monotone in the pattern, so one pass of cleanup leaves every secondary necessary. */
    static void assertLocallyMinimal(SuppressionInput input, SuppressionResult r) {
        for (int c = 0; c < r.suppressed().length; c++) {
            if (r.secondary()[c]) {
                boolean[] without = r.suppressed().clone();
                without[c] = false;
                assertThat(SuppressionAudit.allProtected(SuppressionAudit.audit(input, without)))
                        .as("pattern without secondary %d", c).isFalse();
            }
        }
    }

    @Test
    void rejectsInvalidInput() {
        TableFixture t = TableFixture.line(3, 10, 20).primary(0, 2, 2);
        SuppressionInput good = t.input();
        SuppressionInput noDimension = new SuppressionInput(List.of(), good.keys(), good.values(), good.primary(),
                good.upperProtection(), good.lowerProtection(), true);
        assertThatThrownBy(() -> SecondarySuppression.protect(noDimension)).isInstanceOf(IllegalArgumentException.class);
        SuppressionInput negativeLevel = new SuppressionInput(good.dimensions(), good.keys(), good.values(), good.primary(),
                good.upperProtection(), new double[] {-1, 0, 0, 0}, true);
        assertThatThrownBy(() -> SecondarySuppression.protect(negativeLevel))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cell 0: lower protection must be finite and >= 0");
        assertThatThrownBy(() -> SecondarySuppression.protect(null)).isInstanceOf(NullPointerException.class);
    }

    private static List<Integer> suppressedCells(SuppressionResult r) {
        List<Integer> cells = new ArrayList<>();
        for (int c = 0; c < r.suppressed().length; c++) {
            if (r.suppressed()[c]) {
                cells.add(c);
            }
        }
        return cells;
    }
}
