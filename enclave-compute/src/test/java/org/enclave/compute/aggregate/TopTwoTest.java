package org.enclave.compute.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopTwoTest {

    @Test
    void keepsTheTwoLargestByAbsoluteValueWithTheirSign() {
        TopTwo top = new TopTwo().offer(10.0).offer(-50.0).offer(null).offer(30.0).offer(-5.0);
        assertThat(top.getFirst()).isEqualTo(-50.0);
        assertThat(top.getSecond()).isEqualTo(30.0);
    }

    @Test
    void mergeEqualsSequentialOffers() {
        TopTwo a = new TopTwo().offer(1.0).offer(7.0);
        TopTwo b = new TopTwo().offer(-9.0).offer(3.0);
        TopTwo merged = new TopTwoByMagnitude().merge(a, b);
        assertThat(merged.getFirst()).isEqualTo(-9.0);
        assertThat(merged.getSecond()).isEqualTo(7.0);
    }

    @Test
    void fewerThanTwoUnits() {
        assertThat(new TopTwo().offer(4.0).getSecond()).isNull();
        assertThat(new TopTwo().getFirst()).isNull();
    }

    @Test
    void perUnitSqlCoversEverySubsetOfTheDimensionsWithTheUnit() {
        String sql = EnclaveAggregator.perUnitSql(java.util.List.of("region", "sex"), "pid", java.util.Optional.of("cost"), true);
        assertThat(sql).contains("GROUPING SETS ((`region`, `sex`, `pid`), (`sex`, `pid`), (`region`, `pid`), (`pid`))");
        assertThat(EnclaveAggregator.perUnitSql(java.util.List.of("region"), "pid", java.util.Optional.empty(), false))
                .contains("GROUP BY `region`, `pid`").doesNotContain("GROUPING SETS");
    }
}
