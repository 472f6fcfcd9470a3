package org.enclave.policies.suppression;

/**
 * What an attacker can learn about one suppressed cell from the published cells, the additivity
 * constraints and (if declared) non-negativity: the smallest and largest feasible value, each found
 * by solving a linear programme.
 *
 * @param cell             index of the cell in the {@link SuppressionInput}
 * @param value            the true (unpublished) value
 * @param lower            smallest feasible value
 * @param upper            largest feasible value ({@link Double#POSITIVE_INFINITY} if unbounded)
 * @param primary          whether the cell is a primary suppression
 * @param meetsProtection  for a primary cell, {@code lower <= value - lowerProtection} and
 *                         {@code upper >= value + upperProtection}; always {@code true} for secondaries
 */
public record CellInterval(int cell, double value, double lower, double upper, boolean primary, boolean meetsProtection) {
}
