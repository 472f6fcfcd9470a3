package org.enclave.policies.suppression;

import java.util.Objects;

/**
 * A {@link SuppressionResult} together with the {@link SuppressionStatistics} of the run that produced it.
 *
 * @param result     the pattern and its audit; not {@code null}
 * @param statistics counters of the run; not {@code null}
 */
public record SuppressionReport(SuppressionResult result, SuppressionStatistics statistics) {

    public SuppressionReport {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(statistics, "statistics");
    }
}
