package org.enclave.policies.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.enclave.policies.TestTables.key;

import java.math.BigDecimal;

import org.enclave.policies.Reason;
import org.enclave.policies.Statistic;
import org.enclave.policies.table.Cell;
import org.enclave.policies.table.CellTable;
import org.junit.jupiter.api.Test;

class PPercentRuleTest {

    private final PPercentRule tenPercent = new PPercentRule(new BigDecimal("0.10"));

    private static Cell cell(long units, double total, double... top) {
        return Cell.magnitude(key("a"), units, units, total, top);
    }

    @Test
    void publishedExampleOneFailsTenPercent() {
        // T = 100000, x1 = 50000, x2 = 49000: S = 5000 - 1000 = 4000 > 0.
        Cell c = cell(20, 100000, 50000, 49000);
        assertThat(tenPercent.evaluate(c)).containsExactly(Reason.P_PERCENT);
        assertThat(tenPercent.protectionLevel(CellTable.single(Statistic.SUM, c), 0)).isCloseTo(4000, within(1e-9));
    }

    @Test
    void publishedExampleTwoPassesTenPercent() {
        // T = 110000, x1 = 52000, x2 = 50000: S = 5200 - 8000 < 0.
        assertThat(tenPercent.evaluate(cell(20, 110000, 52000, 50000))).isEmpty();
    }

    @Test
    void exactBoundaryPasses() {
        // S = 0.10 * 1000 - (1150 - 1000 - 50) = 0.
        assertThat(tenPercent.evaluate(cell(20, 1150, 1000, 50))).isEmpty();
        assertThat(tenPercent.evaluate(cell(20, 1149, 1000, 50))).containsExactly(Reason.P_PERCENT);
    }

    @Test
    void exactBoundaryPassesWhereTheTextbookFormulaInDoublesWouldNot() {
        // 0.07 * 100 - (117 - 100 - 10) evaluates to 8.9e-16 in doubles; exactly it is 0.
        PPercentRule sevenPercent = new PPercentRule(new BigDecimal("0.07"));
        assertThat(0.07 * 100 - (117 - 100 - 10)).isPositive();
        assertThat(sevenPercent.evaluate(cell(20, 117, 100, 10))).isEmpty();
        assertThat(sevenPercent.evaluate(cell(20, 116.999, 100, 10))).containsExactly(Reason.P_PERCENT);
    }

    @Test
    void singleContributorIsAlwaysSensitive() {
        assertThat(tenPercent.evaluate(cell(1, 500, 500))).containsExactly(Reason.P_PERCENT);
    }

    @Test
    void emptyCellIsNotJudgedByThisRule() {
        assertThat(tenPercent.evaluate(cell(0, 0))).isEmpty();
    }
}
