package org.enclave.policies.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enclave.policies.TestTables.key;

import java.math.BigDecimal;

import org.enclave.policies.Reason;
import org.enclave.policies.table.Cell;
import org.junit.jupiter.api.Test;

class DominanceRuleTest {

    private static Cell cell(long units, double total, double... top) {
        return Cell.magnitude(key("a"), units, units, total, top);
    }

    @Test
    void publishedExampleOnePassesOneNinety() {
        // Hundepool et al. (2012), section 4.2: T = 100000, x1 = 50000, x2 = 49000.
        DominanceRule rule = new DominanceRule(1, new BigDecimal("0.90"));
        assertThat(rule.evaluate(cell(20, 100000, 50000, 49000))).isEmpty();
    }

    @Test
    void publishedExampleTwoFailsTwoNinetyPointNine() {
        // T = 110000, x1 = 52000, x2 = 50000: 102000 > 0.909 * 110000 = 99990.
        DominanceRule rule = new DominanceRule(2, new BigDecimal("0.909"));
        assertThat(rule.evaluate(cell(20, 110000, 52000, 50000))).containsExactly(Reason.NK_DOMINANCE);
        assertThat(rule.protectionLevel(org.enclave.policies.table.CellTable.single(
                org.enclave.policies.Statistic.SUM, cell(20, 110000, 52000, 50000)), 0))
                .isCloseTo(102000 / 0.909 - 110000, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void exactlyAtKPasses() {
        DominanceRule rule = new DominanceRule(2, new BigDecimal("0.90"));
        assertThat(rule.evaluate(cell(20, 1000, 500, 400))).isEmpty();
        assertThat(rule.evaluate(cell(20, 1000, 500, 401))).containsExactly(Reason.NK_DOMINANCE);
    }

    @Test
    void exactlyAtKPassesEvenWhereDoubleArithmeticWouldSayOtherwise() {
        // 0.70 * 90 is 62.99999999999999 in binary floating point; exactly it is 63 = x1 + x2.
        DominanceRule rule = new DominanceRule(2, new BigDecimal("0.70"));
        assertThat(0.70 * 90).isLessThan(63.0);
        assertThat(rule.evaluate(cell(20, 90, 40, 23))).isEmpty();
        assertThat(rule.evaluate(cell(20, 90, 40, 23.000001))).containsExactly(Reason.NK_DOMINANCE);
    }

    @Test
    void fewerUnitsThanNIsDominated() {
        DominanceRule rule = new DominanceRule(3, new BigDecimal("0.90"));
        assertThat(rule.evaluate(cell(2, 1000, 600, 400))).containsExactly(Reason.NK_DOMINANCE);
    }

    @Test
    void doesNotApplyToCounts() {
        DominanceRule rule = new DominanceRule(1, new BigDecimal("0.50"));
        assertThat(rule.evaluate(Cell.count(key("a"), 1, 1))).isEmpty();
    }

    @Test
    void negativesAreJudgedByAbsoluteValueAgainstTheSignedTotal() {
        // x = {+600, -500, +400}: T = 500; |x1| + |x2| = 1100 > 0.9 * 500 (conservative).
        DominanceRule rule = new DominanceRule(2, new BigDecimal("0.90"));
        Cell c = new Cell(key("a"), 3, 3, 500.0, new double[] {600, -500, 400}, 1, 0, null, null, null);
        assertThat(rule.evaluate(c)).containsExactly(Reason.NK_DOMINANCE);
    }
}
