package org.enclave.compute.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The generated SQL's shape; its results are pinned by ComputeJobIT and LakeEndToEndIT. */
class EnclaveAggregatorTest {

    @Test
    void marginsCopyEveryFineRowIntoEverySubsetOfTheDimensions() {
        String sql = EnclaveAggregator.cellSql(List.of("region", "sex"), "pid", Optional.of("cost"), true);
        // Distributed by the unit key only, so that the per-unit levels need no further shuffle.
        assertThat(sql).contains("/*+ REPARTITION(__u) */").contains("xxhash64(`pid`) AS __u");
        assertThat(sql).contains("struct(CAST(`region` AS STRING) AS __d0, 0 AS __m0, CAST(`sex` AS STRING) AS __d1, 0 AS __m1,")
                .contains("struct(CAST(NULL AS STRING) AS __d0, 1 AS __m0, CAST(`sex` AS STRING) AS __d1, 0 AS __m1,")
                .contains("struct(CAST(`region` AS STRING) AS __d0, 0 AS __m0, CAST(NULL AS STRING) AS __d1, 1 AS __m1,")
                .contains("struct(CAST(NULL AS STRING) AS __d0, 1 AS __m0, CAST(NULL AS STRING) AS __d1, 1 AS __m1,");
        assertThat(sql).contains("max_by(__c, abs(__c), 2) AS top").doesNotContain("GROUPING SETS");
    }

    @Test
    void withoutMarginsOneGroupByOfTheDimensionsAndTheUnit() {
        String sql = EnclaveAggregator.cellSql(List.of("region"), "pid", Optional.empty(), false);
        assertThat(sql).contains("GROUP BY `region`, __u").doesNotContain("REPARTITION").doesNotContain("inline(")
                .contains("CAST(NULL AS ARRAY<DOUBLE>) AS top");
    }

    @Test
    void noDimensionsIsOneCell() {
        String sql = EnclaveAggregator.cellSql(List.of(), "pid", Optional.of("cost"), true);
        assertThat(sql).doesNotContain("inline(").endsWith(") __units");
    }
}
