package org.enclave.policies.suppression;

/**
 * Numerical tolerances of the audit, derived from the magnitude of the table.
 *
 * <ul>
 *   <li>{@code scale}: a power of two by which all values are divided before they reach the LP
 *       solver, so that its absolute tolerances meet numbers of order 1..2048 whatever the unit
 *       (counts, euros); dividing by a power of two is exact.</li>
 *   <li>{@code tau = 1e-7 * max(1, max |value|)}: LP bounds within {@code tau} of the true value are
 *       snapped onto it (which can only narrow the interval: conservative), and a protection level
 *       is met if the bound reaches it to within {@code min(tau, level / 2)}; the {@code level / 2}
 *       cap guarantees that an exactly derivable cell never passes a positive level.</li>
 * </ul>
 */
final class Tolerance {

    static final double RELATIVE = 1e-7;

    private final double scale;
    private final double tau;

    private Tolerance(double scale, double tau) {
        this.scale = scale;
        this.tau = tau;
    }

    static Tolerance of(double[] values) {
        double max = 1.0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        double scale = max <= 2048 ? 1.0 : Math.scalb(1.0, Math.getExponent(max) - 10);
        return new Tolerance(scale, RELATIVE * max);
    }

    double scale() {
        return scale;
    }

    double tau() {
        return tau;
    }

    boolean meetsUpper(double value, double upper, double upperProtection) {
        return upperProtection <= 0 || upper >= value + upperProtection - Math.min(tau, upperProtection / 2);
    }

    boolean meetsLower(double value, double lower, double lowerProtection) {
        return lowerProtection <= 0 || lower <= value - lowerProtection + Math.min(tau, lowerProtection / 2);
    }

    /** Snaps a bound that is numerically equal to the true value onto it (narrows: conservative). */
    double snap(double bound, double value) {
        return Math.abs(bound - value) <= tau ? value : bound;
    }

    /** Smallest deviation (unscaled) that counts as a cell really moving in a witness. */
    double deviationThreshold() {
        return tau / 10;
    }
}
