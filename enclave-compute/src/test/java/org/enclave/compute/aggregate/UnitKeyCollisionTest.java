package org.enclave.compute.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.enclave.compute.job.MeasureSpec;
import org.enclave.compute.job.OutputSpec;
import org.enclave.policies.Outcome;
import org.enclave.policies.policy.Policy;
import org.junit.jupiter.api.Test;

/**
 * Units are grouped on a 64-bit key ({@link EnclaveAggregator#UNIT_KEY}): two units whose keys collide
 * become one unit with the sum of their contributions. For non-negative contributions that can only make
 * a cell's verdict stricter: fewer units, and the largest contributions majorise the old ones (the top-1
 * and the top-1 + top-2 never decrease) while the total is unchanged. Pinned here through the real
 * policy check, on random cells with and without a dominant unit.
 */
class UnitKeyCollisionTest {

    static final OutputSpec OUTPUT = new OutputSpec(OutputSpec.Kind.AGGREGATE, "pid", List.of("region"),
            List.of(new MeasureSpec(MeasureSpec.Fn.COUNT, null), new MeasureSpec(MeasureSpec.Fn.SUM, "cost")), false);

    static CellStatistics cell(List<Double> contributions) {
        List<Double> top = contributions.stream().sorted(Comparator.comparingDouble((Double c) -> Math.abs(c)).reversed())
                .limit(EnclaveAggregator.TOP).toList();
        double total = contributions.stream().mapToDouble(Double::doubleValue).sum();
        return new CellStatistics(List.of("A"), contributions.size(), contributions.size(), total, top, 0, 0);
    }

    static Outcome outcome(Policy policy, List<Double> contributions) {
        SdcTable table = new SdcTable(List.of("region"), Optional.of("cost"), List.of(cell(contributions)));
        return AggregateEvaluation.evaluate(policy, table, OUTPUT).outcome(0);
    }

    @Test
    void mergingTwoUnitsNeverReleasesACellThatWasWithheld() {
        SplittableRandom random = new SplittableRandom(20_261_128);
        for (String tier : List.of("standard", "health")) {
            Policy policy = AggregateEvaluation.policy(tier);
            int withheldBefore = 0;
            for (int trial = 0; trial < 400; trial++) {
                int units = 2 + random.nextInt(30);
                List<Double> contributions = new ArrayList<>();
                for (int u = 0; u < units; u++) {
                    // Heavy-tailed, so that dominance and p% rules apply to some cells and not to others.
                    contributions.add(Math.floor(100 * Math.pow(random.nextDouble(), -1.5)) / 10);
                }
                int i = random.nextInt(units);
                int j = (i + 1 + random.nextInt(units - 1)) % units;
                List<Double> merged = new ArrayList<>();
                for (int u = 0; u < units; u++) {
                    if (u != i && u != j) {
                        merged.add(contributions.get(u));
                    }
                }
                merged.add(contributions.get(i) + contributions.get(j));

                Outcome before = outcome(policy, contributions);
                Outcome after = outcome(policy, merged);
                if (before != Outcome.OK) {
                    withheldBefore++;
                    assertThat(after).as("%s: %s merged %d+%d", tier, contributions, i, j).isNotEqualTo(Outcome.OK);
                }
            }
            // The random cells exercise both verdicts.
            assertThat(withheldBefore).as(tier).isBetween(40, 360);
        }
    }
}
