package org.enclave.compute.job;

import java.util.List;
import java.util.Optional;

/**
 * What the job produces.
 *
 * @param kind     {@link Kind#ROWS} (row-level, for viewing inside the enclave only, never releasable)
 *                 or {@link Kind#AGGREGATE} (computed by the enclave, checked by the disclosure rules)
 * @param unit     for aggregates: the column whose distinct values are the statistical units (usually {@code pid})
 * @param groupBy  for aggregates: the dimension columns, possibly none (a single cell)
 * @param measures for aggregates: at least one; all {@code sum}/{@code mean} measures use the same column
 * @param margins  for aggregates: also compute every margin (each subset of {@code groupBy} summed over)
 */
public record OutputSpec(Kind kind, String unit, List<String> groupBy, List<MeasureSpec> measures, boolean margins) {

    /** Output kinds; the JSON spells them in lower case. */
    public enum Kind { ROWS, AGGREGATE }

    public OutputSpec {
        groupBy = List.copyOf(groupBy);
        measures = List.copyOf(measures);
    }

    /** The single magnitude column of the sum/mean measures, if there is one (else a frequency table). */
    public Optional<String> measureColumn() {
        return measures.stream().filter(m -> m.fn() != MeasureSpec.Fn.COUNT).map(MeasureSpec::column).findFirst();
    }
}
