package org.enclave.policies.suppression;

import java.util.List;

/**
 * Outcome of secondary suppression followed by its audit.
 *
 * @param suppressed      per cell: suppressed (primary or secondary)
 * @param secondary       per cell: chosen as a complementary (secondary) suppression
 * @param intervals       the audit's feasibility interval of every suppressed cell
 * @param allProtected    every primary cell meets its protection levels (the table may be released)
 * @param secondaryCount  number of secondary suppressions (information loss, count)
 * @param secondaryValue  total value of the secondary suppressions (information loss, value)
 */
public record SuppressionResult(
        boolean[] suppressed,
        boolean[] secondary,
        List<CellInterval> intervals,
        boolean allProtected,
        int secondaryCount,
        double secondaryValue) {
}
