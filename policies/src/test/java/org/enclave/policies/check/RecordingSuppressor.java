package org.enclave.policies.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.enclave.policies.suppression.CellInterval;
import org.enclave.policies.suppression.SuppressionInput;
import org.enclave.policies.suppression.SuppressionResult;

/**
 * A fake secondary-suppression step that records its inputs and answers with a fixed pattern.
 * The tests that use it pin what the check sends to the suppression step and how it uses the answer;
 * the real complementary suppression and LP audit are exercised by {@code DisclosureCheckWithSuppressionTest}.
 */
final class RecordingSuppressor implements SecondarySuppressor {

    final List<SuppressionInput> calls = new ArrayList<>();
    private final Function<SuppressionInput, SuppressionResult> answer;

    RecordingSuppressor(Function<SuppressionInput, SuppressionResult> answer) {
        this.answer = answer;
    }

    /** Suppresses the primaries plus {@code secondaries}, and reports every primary protected (or not). */
    static RecordingSuppressor suppressing(boolean allProtected, int... secondaries) {
        return new RecordingSuppressor(input -> {
            int n = input.cellCount();
            boolean[] suppressed = input.primary().clone();
            boolean[] secondary = new boolean[n];
            for (int s : secondaries) {
                suppressed[s] = true;
                secondary[s] = true;
            }
            List<CellInterval> intervals = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (suppressed[i]) {
                    intervals.add(new CellInterval(i, input.values()[i], 0.0, Double.POSITIVE_INFINITY,
                            input.primary()[i], !input.primary()[i] || allProtected));
                }
            }
            return new SuppressionResult(suppressed, secondary, intervals, allProtected, secondaries.length, 0.0);
        });
    }

    @Override
    public SuppressionResult protect(SuppressionInput input) {
        calls.add(input);
        return answer.apply(input);
    }
}
