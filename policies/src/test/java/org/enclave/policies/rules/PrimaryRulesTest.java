package org.enclave.policies.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.enclave.policies.TestTables.key;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.enclave.policies.Reason;
import org.enclave.policies.Reasons;
import org.enclave.policies.Statistic;
import org.enclave.policies.policy.Policy;
import org.enclave.policies.table.Cell;
import org.enclave.policies.table.CellTable;
import org.junit.jupiter.api.Test;

class PrimaryRulesTest {

    private static Policy with(int n, String k, String p) {
        Policy d = Policy.defaults();
        return new Policy("t", d.threshold(), new Policy.Dominance(n, new BigDecimal(k)),
                new Policy.PPercent(new BigDecimal(p)), d.review(), d.regression(), d.extremes(), d.protection(), d.rounding());
    }

    @Test
    void publishedExamplesSeparateTheTwoRules() {
        Cell one = Cell.magnitude(key("a"), 20, 20, 100000, 50000, 49000);
        Cell two = Cell.magnitude(key("b"), 20, 20, 110000, 52000, 50000);
        PrimaryRules oneNinety = new PrimaryRules(with(1, "0.90", "0.10"));
        assertThat(oneNinety.evaluate(one)).containsExactly(Reason.P_PERCENT);
        PrimaryRules twoNinetyPointNine = new PrimaryRules(with(2, "0.909", "0.10"));
        assertThat(twoNinetyPointNine.evaluate(two)).containsExactly(Reason.NK_DOMINANCE);
    }

    @Test
    void aCellCarriesEveryReasonThatApplies() {
        Cell c = new Cell(key("a"), 3, 4, 1000.0, new double[] {900, 50, 50}, 0, 1, null, null, null);
        assertThat(new PrimaryRules(Policy.defaults()).evaluate(c))
                .isEqualTo(Set.of(Reason.THRESHOLD, Reason.NK_DOMINANCE, Reason.P_PERCENT, Reason.MISSING));
    }

    @Test
    void reviewReasonsDoNotSuppress() {
        Cell c = new Cell(key("a"), 30, 30, 1000.0, new double[] {100, 90}, 0, 2, null, null, null);
        PrimaryRules rules = new PrimaryRules(Policy.defaults());
        assertThat(rules.evaluate(c)).containsExactly(Reason.MISSING);
        assertThat(rules.canRelease(c)).isTrue();
        rules.checkRelease(c);
    }

    @Test
    void checkReleaseNamesSuppressionReasonsOnly() {
        Cell c = new Cell(key("a", "b"), 3, 4, null, null, 0, 1, null, null, null);
        PrimaryRules rules = new PrimaryRules(Policy.defaults());
        assertThat(rules.canRelease(c)).isFalse();
        assertThatThrownBy(() -> rules.checkRelease(c)).hasMessage("cell [a, b] may not be released: threshold");
    }

    @Test
    void degreesOfFreedomBoundary() {
        PrimaryRules rules = new PrimaryRules(Policy.defaults());
        assertThat(rules.evaluate(Cell.count(key("m"), 50, 50).withDof(10))).isEmpty();
        assertThat(rules.evaluate(Cell.count(key("m"), 50, 50).withDof(9))).containsExactly(Reason.DOF);
    }

    @Test
    void extremesHeldByOneUnitAreAlwaysPrimary() {
        PrimaryRules rules = new PrimaryRules(Policy.defaults());
        assertThat(rules.evaluate(Cell.count(key("m"), 50, 50).withExtreme(87.0, 1))).containsExactly(Reason.SINGLE_UNIT);
        assertThat(rules.evaluate(Cell.count(key("m"), 50, 50).withExtreme(87.0, 2))).isEmpty();
    }

    @Test
    void bulkAndSingleEvaluationAgree() {
        CellTable t = CellTable.builder(List.of("r"), "cost", Statistic.SUM)
                .add(Cell.magnitude(key("a"), 20, 20, 100000, 50000, 49000))
                .add(Cell.magnitude(key("b"), 20, 20, 110000, 52000, 50000))
                .add(Cell.magnitude(key("c"), 5, 5, 100, 30, 20))
                .add(Cell.magnitude(key("d"), 0, 0, 0))
                .build();
        PrimaryRules rules = new PrimaryRules(Policy.defaults());
        int[] masks = rules.evaluate(t);
        for (int i = 0; i < t.size(); i++) {
            assertThat(masks[i]).isEqualTo(rules.evaluate(t, i));
            assertThat(Reasons.toSet(masks[i])).isEqualTo(rules.evaluate(t.cell(i)));
        }
    }
}
