package org.enclave.policies.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.enclave.policies.TestTables.key;

import java.util.List;

import org.enclave.policies.Statistic;
import org.enclave.policies.policy.Policy;
import org.enclave.policies.table.Cell;
import org.enclave.policies.table.CellTable;
import org.junit.jupiter.api.Test;

class ProtectionLevelsTest {

    private final Policy policy = Policy.defaults();
    private final PrimaryRules rules = new PrimaryRules(policy);

    private double[] levels(CellTable t, int i) {
        ProtectionLevels pl = new ProtectionLevels(t, rules);
        int mask = rules.evaluate(t, i);
        double upper = pl.upper(i, mask);
        return new double[] {upper, pl.lower(i, upper, true)};
    }

    @Test
    void pPercentCellNeedsItsSensitivityBothWays() {
        CellTable t = CellTable.single(Statistic.SUM, Cell.magnitude(key("a"), 20, 20, 100000, 50000, 49000));
        // p%: 0.10 * 50000 - 1000 = 4000; (2, 0.90): 99000 / 0.9 - 100000 = 10000. The larger wins.
        double[] l = levels(t, 0);
        assertThat(l[0]).isCloseTo(10000, within(1e-6));
        assertThat(l[1]).isCloseTo(10000, within(1e-6));
    }

    @Test
    void thresholdCountNeedsTheDistanceToThreshold() {
        CellTable t = CellTable.single(Statistic.COUNT, Cell.count(key("a"), 3, 3));
        double[] l = levels(t, 0);
        assertThat(l[0]).isEqualTo(7.0);
        assertThat(l[1]).isEqualTo(3.0); // capped at the value: counts are never negative
    }

    @Test
    void zeroCountNeedsTheWholeThreshold() {
        CellTable t = CellTable.single(Statistic.COUNT, Cell.count(key("a"), 0, 0));
        double[] l = levels(t, 0);
        assertThat(l[0]).isEqualTo(10.0);
        assertThat(l[1]).isEqualTo(0.0);
    }

    @Test
    void thresholdMagnitudeUsesFrequencyRange() {
        CellTable t = CellTable.single(Statistic.SUM, Cell.magnitude(key("a"), 5, 5, 1000, 210, 200));
        assertThat(levels(t, 0)[0]).isCloseTo(300, within(1e-9));
    }

    @Test
    void okCellNeedsNothingAndLowerIsSymmetricWithNegatives() {
        CellTable t = CellTable.builder(List.of("r"), null, Statistic.COUNT).add(Cell.count(key("a"), 30, 30)).build();
        ProtectionLevels pl = new ProtectionLevels(t, rules);
        assertThat(pl.upper(0, rules.evaluate(t, 0))).isZero();
        assertThat(pl.lower(0, 5.0, false)).isEqualTo(5.0);
    }
}
