package org.enclave.policies.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.enclave.policies.TestTables.count;
import static org.enclave.policies.TestTables.key;
import static org.enclave.policies.TestTables.twoByTwoCounts;

import java.math.BigDecimal;
import java.util.List;

import org.enclave.policies.Outcome;
import org.enclave.policies.Reason;
import org.enclave.policies.Statistic;
import org.enclave.policies.TableStatus;
import org.enclave.policies.TestTables;
import org.enclave.policies.policy.Policy;
import org.enclave.policies.rounding.RoundingMethod;
import org.enclave.policies.table.Cell;
import org.enclave.policies.table.CellTable;
import org.enclave.policies.table.TableFormatException;
import org.junit.jupiter.api.Test;

/**
 * The check with a fake secondary-suppression step ({@link RecordingSuppressor}). The whole
 * check with the real engine is {@link DisclosureCheckWithSuppressionTest}.
 */
class DisclosureCheckTest {

    private final Policy standard = Policy.defaults();

    private static Policy rounding(Policy p, RoundingMethod method, int base) {
        return new Policy(p.name(), p.threshold(), p.dominance(), p.pPercent(), p.review(), p.regression(), p.extremes(),
                p.protection(), new Policy.Rounding(true, method, base));
    }

    @Test
    void tableWithoutPrimariesPassesWithoutSecondarySuppression() throws Exception {
        RecordingSuppressor fake = RecordingSuppressor.suppressing(true);
        CheckResult r = new DisclosureCheck(standard, fake).check(twoByTwoCounts(20, 30, 40, 50), "t");
        assertThat(fake.calls).isEmpty();
        assertThat(r.status()).isEqualTo(TableStatus.PASS);
        assertThat(r.summary()).isEqualTo("0 cells suppressed; 0 secondary");
        assertThat(r.published(8)).isEqualTo(140.0);
    }

    @Test
    void primariesWithoutMarginsNeedNoSecondarySuppression() throws Exception {
        RecordingSuppressor fake = RecordingSuppressor.suppressing(true);
        CellTable t = TestTables.counts(List.of("age"), count(4, "0-17"), count(45, "18-39"), count(0, "80+"));
        CheckResult r = new DisclosureCheck(standard, fake).check(t, "t");
        assertThat(fake.calls).isEmpty();
        assertThat(r.status()).isEqualTo(TableStatus.PASS);
        assertThat(r.outcome(0)).isEqualTo(Outcome.PRIMARY);
        assertThat(r.outcome(2)).isEqualTo(Outcome.PRIMARY);
        assertThat(r.summary()).isEqualTo("2 cells suppressed: threshold 1, zero 1; 0 secondary");
        assertThat(r.published(0)).isNaN();
        assertThat(r.published(1)).isEqualTo(45.0);
    }

    @Test
    void primariesWithMarginsGoToSecondarySuppressionWithTheirProtectionLevels() throws Exception {
        // North F = 3 is below threshold; cells: 0 NF, 1 NM, 2 SF, 3 SM, 4 N., 5 S., 6 .F, 7 .M, 8 ..
        RecordingSuppressor fake = RecordingSuppressor.suppressing(true, 1, 2, 3);
        CheckResult r = new DisclosureCheck(standard, fake).check(twoByTwoCounts(3, 30, 40, 50), "t");

        assertThat(fake.calls).hasSize(1);
        var input = fake.calls.get(0);
        assertThat(input.dimensions()).containsExactly("region", "sex");
        assertThat(input.keys().get(4)).containsExactly("North", null);
        assertThat(input.values()).containsExactly(3, 30, 40, 50, 33, 90, 43, 80, 123);
        assertThat(input.primary()).containsExactly(true, false, false, false, false, false, false, false, false);
        assertThat(input.upperProtection()[0]).isEqualTo(7.0);
        assertThat(input.lowerProtection()[0]).isEqualTo(3.0);
        assertThat(input.upperProtection()[1]).isZero();
        assertThat(input.nonNegative()).isTrue();

        assertThat(r.outcome(0)).isEqualTo(Outcome.PRIMARY);
        assertThat(r.outcome(1)).isEqualTo(Outcome.SECONDARY);
        assertThat(r.outcome(4)).isEqualTo(Outcome.OK);
        assertThat(r.secondaryCells()).containsExactly(1, 2, 3);
        assertThat(r.status()).isEqualTo(TableStatus.PASS);
        assertThat(r.summary()).isEqualTo("1 cell suppressed: threshold 1; 3 secondary");
    }

    @Test
    void protectionNotAchievedFailsTheTable() throws Exception {
        CheckResult r = new DisclosureCheck(standard, RecordingSuppressor.suppressing(false, 1))
                .check(twoByTwoCounts(3, 30, 40, 50), "t");
        assertThat(r.status()).isEqualTo(TableStatus.FAIL);
        assertThat(r.refusals()).extracting(Refusal::code).containsExactly(Refusal.PROTECTION_NOT_ACHIEVED);
        assertThat(r.summary()).isEqualTo("1 cell suppressed: threshold 1; 1 secondary; fail: 1 primary cell is not protected to its protection levels");
    }

    @Test
    void aFailingSuppressionStepFailsClosed() throws Exception {
        SecondarySuppressor broken = input -> {
            throw new UnsupportedOperationException("not yet");
        };
        CheckResult r = new DisclosureCheck(standard, broken).check(twoByTwoCounts(3, 30, 40, 50), "t");
        assertThat(r.status()).isEqualTo(TableStatus.FAIL);
        assertThat(r.refusals()).extracting(Refusal::code).containsExactly(Refusal.SUPPRESSION_FAILED);
        assertThat(r.outcome(1)).isEqualTo(Outcome.OK);
    }

    @Test
    void aSuppressionStepThatForgetsAPrimaryFailsClosed() throws Exception {
        SecondarySuppressor sloppy = input -> new org.enclave.policies.suppression.SuppressionResult(
                new boolean[input.cellCount()], new boolean[input.cellCount()], List.of(), true, 0, 0.0);
        CheckResult r = new DisclosureCheck(standard, sloppy).check(twoByTwoCounts(3, 30, 40, 50), "t");
        assertThat(r.status()).isEqualTo(TableStatus.FAIL);
        assertThat(r.refusals()).extracting(Refusal::message).containsExactly("secondary suppression left a primary cell unsuppressed");
    }

    @Test
    void negativesAndMissingSendTheTableToReview() throws Exception {
        CellTable t = CellTable.builder(List.of("r"), "cost", Statistic.SUM)
                .add(new Cell(key("a"), 30, 30, 900.0, new double[] {100, -50}, 2, 0, null, null, null))
                .add(new Cell(key("b"), 30, 31, 1000.0, new double[] {100, 90}, 0, 1, null, null, null))
                .build();
        CheckResult r = new DisclosureCheck(standard, RecordingSuppressor.suppressing(true)).check(t, "t");
        assertThat(r.status()).isEqualTo(TableStatus.REVIEW);
        assertThat(r.reasons(0)).containsExactly(Reason.NEGATIVE);
        assertThat(r.outcome(0)).isEqualTo(Outcome.OK);
        assertThat(r.summary()).isEqualTo("0 cells suppressed; 0 secondary; review: negative 1, missing 1");
    }

    @Test
    void negativesAreNotReviewedWhenThePolicySaysSo() throws Exception {
        Policy lenient = new Policy("l", standard.threshold(), standard.dominance(), standard.pPercent(),
                new Policy.Review(false, false), standard.regression(), standard.extremes(), standard.protection(), standard.rounding());
        CellTable t = CellTable.builder(List.of("r"), "cost", Statistic.SUM)
                .add(new Cell(key("a"), 30, 30, 900.0, new double[] {100, -50}, 2, 3, null, null, null)).build();
        assertThat(new DisclosureCheck(lenient).check(t, "t").status()).isEqualTo(TableStatus.PASS);
    }

    @Test
    void negativeMagnitudesAreNotDeclaredNonNegative() throws Exception {
        RecordingSuppressor fake = RecordingSuppressor.suppressing(true, 1);
        CellTable t = CellTable.builder(List.of("r"), "cost", Statistic.SUM)
                .add(new Cell(key("a"), 3, 3, 100.0, new double[] {150, -60, 10}, 1, 0, null, null, null))
                .add(new Cell(key("b"), 30, 30, 1000.0, new double[] {100, 90}, 0, 0, null, null, null))
                .add(new Cell(key((String) null), 33, 33, 1100.0, new double[] {150, 100}, 1, 0, null, null, null))
                .build();
        new DisclosureCheck(standard, fake).check(t, "t");
        assertThat(fake.calls.get(0).nonNegative()).isFalse();
        assertThat(fake.calls.get(0).lowerProtection()[0]).isEqualTo(fake.calls.get(0).upperProtection()[0]);
    }

    @Test
    void extremesAreRefusedUnlessAllowedAndNeverForASingleUnit() throws Exception {
        CellTable t = CellTable.builder(List.of("r"), "stay", Statistic.MAX)
                .add(Cell.count(key("a"), 30, 30).withExtreme(12, 3))
                .add(Cell.count(key("b"), 30, 30).withExtreme(40, 1))
                .build();
        CheckResult refused = new DisclosureCheck(standard).check(t, "t");
        assertThat(refused.status()).isEqualTo(TableStatus.FAIL);
        assertThat(refused.refusals()).extracting(Refusal::message).containsExactly("max tables are refused by policy standard");

        Policy allowing = new Policy("x", standard.threshold(), standard.dominance(), standard.pPercent(), standard.review(),
                standard.regression(), new Policy.Extremes(true), standard.protection(), standard.rounding());
        CheckResult allowed = new DisclosureCheck(allowing).check(t, "t");
        assertThat(allowed.status()).isEqualTo(TableStatus.PASS);
        assertThat(allowed.outcome(1)).isEqualTo(Outcome.PRIMARY);
        assertThat(allowed.reasons(1)).containsExactly(Reason.SINGLE_UNIT);
        assertThat(allowed.published(0)).isEqualTo(12.0);
    }

    @Test
    void regressionsBelowTheMinimumDegreesOfFreedomFail() throws Exception {
        CellTable t = CellTable.builder(List.of("model"), null, Statistic.REGRESSION)
                .add(Cell.count(key("m1"), 400, 400).withDof(390))
                .add(Cell.count(key("m2"), 12, 12).withDof(9))
                .build();
        CheckResult r = new DisclosureCheck(standard).check(t, "t");
        assertThat(r.status()).isEqualTo(TableStatus.FAIL);
        assertThat(r.summary()).isEqualTo("1 cell suppressed: dof 1; 0 secondary; fail: 1 model has fewer than 10 residual degrees of freedom");
        assertThat(r.published(0)).isNaN();
    }

    @Test
    void countsAreRoundedAndMarginsRoundedIndependently() throws Exception {
        Policy p = rounding(standard, RoundingMethod.NEAREST, 5);
        CheckResult r = new DisclosureCheck(p).check(twoByTwoCounts(12, 13, 12, 13), "t");
        // cells 12, 13, 12, 13 -> 10, 15, 10, 15; margins 25, 25, 24, 26, 50 -> 25, 25, 25, 25, 50
        assertThat(r.published(0)).isEqualTo(10.0);
        assertThat(r.published(1)).isEqualTo(15.0);
        assertThat(r.published(6)).isEqualTo(25.0); // 24 rounded itself, not 10 + 10
        assertThat(r.published(8)).isEqualTo(50.0);
    }

    @Test
    void theDominanceRulesNeedEnoughContributions() {
        Policy three = new Policy("three", standard.threshold(), new Policy.Dominance(3, new BigDecimal("0.9")),
                standard.pPercent(), standard.review(), standard.regression(), standard.extremes(), standard.protection(),
                standard.rounding());
        CellTable t = CellTable.builder(List.of("r"), "cost", Statistic.SUM)
                .add(Cell.magnitude(key("a"), 30, 30, 1000.0, 100, 90)).build();
        assertThatThrownBy(() -> new DisclosureCheck(three).check(t, "t.json"))
                .isInstanceOf(TableFormatException.class)
                .hasMessage("t.json: cells[0] (key [a]).top: policy three needs the 3 largest contributions, found 2");
    }

    @Test
    void publishedExamplesThroughTheWholeCheck() throws Exception {
        CellTable t = CellTable.builder(List.of("r"), "cost", Statistic.SUM)
                .add(Cell.magnitude(key("a"), 20, 20, 100000, 50000, 49000))
                .add(Cell.magnitude(key("b"), 20, 20, 110000, 52000, 50000))
                .build();
        Policy oneNinety = new Policy("x", standard.threshold(), new Policy.Dominance(1, new BigDecimal("0.90")),
                standard.pPercent(), standard.review(), standard.regression(), standard.extremes(), standard.protection(),
                standard.rounding());
        CheckResult r = new DisclosureCheck(oneNinety).check(t, "t");
        assertThat(r.reasons(0)).containsExactly(Reason.P_PERCENT);
        assertThat(r.reasons(1)).isEmpty();
        assertThat(r.summary()).isEqualTo("1 cell suppressed: p-percent 1; 0 secondary");
    }
}
