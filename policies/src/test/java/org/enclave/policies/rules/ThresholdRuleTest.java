package org.enclave.policies.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.enclave.policies.TestTables.key;

import java.util.Set;

import org.enclave.policies.Reason;
import org.enclave.policies.table.Cell;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

    private final ThresholdRule rule = new ThresholdRule(10, true);

    @Test
    void exactlyTheThresholdPasses() {
        assertThat(rule.evaluate(Cell.count(key("a"), 10, 10))).isEmpty();
        assertThat(rule.canRelease(Cell.count(key("a"), 10, 10))).isTrue();
    }

    @Test
    void oneBelowTheThresholdIsPrimary() {
        assertThat(rule.evaluate(Cell.count(key("a"), 9, 9))).containsExactly(Reason.THRESHOLD);
        assertThat(rule.evaluate(Cell.count(key("a"), 1, 1))).containsExactly(Reason.THRESHOLD);
    }

    @Test
    void thresholdCountsDistinctUnitsNotRows() {
        assertThat(rule.evaluate(Cell.count(key("a"), 9, 500))).containsExactly(Reason.THRESHOLD);
    }

    @Test
    void anEmptyCellIsZeroNotThreshold() {
        assertThat(rule.evaluate(Cell.count(key("a"), 0, 0))).containsExactly(Reason.ZERO);
    }

    @Test
    void zerosAreReleasedWhenNotDisclosive() {
        ThresholdRule lenient = new ThresholdRule(10, false);
        assertThat(lenient.evaluate(Cell.count(key("a"), 0, 0))).isEmpty();
        assertThat(lenient.evaluate(Cell.count(key("a"), 3, 3))).containsExactly(Reason.THRESHOLD);
    }

    @Test
    void allZeroMagnitudeCellIsZero() {
        assertThat(rule.evaluate(Cell.magnitude(key("a"), 12, 12, 0.0, 0.0, 0.0))).containsExactly(Reason.ZERO);
        assertThat(rule.evaluate(Cell.magnitude(key("a"), 3, 3, 0.0, 0.0, 0.0)))
                .isEqualTo(Set.of(Reason.THRESHOLD, Reason.ZERO));
    }

    @Test
    void checkAndCanAgree() {
        Cell small = Cell.count(key("North", null), 4, 4);
        assertThat(rule.canRelease(small)).isFalse();
        assertThatThrownBy(() -> rule.checkRelease(small))
                .isInstanceOf(CellNotReleasableException.class)
                .hasMessage("cell [North, null] may not be released: threshold")
                .satisfies(e -> assertThat(((CellNotReleasableException) e).reasons()).containsExactly(Reason.THRESHOLD));
        rule.checkRelease(Cell.count(key("a"), 10, 10));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new ThresholdRule(0, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
