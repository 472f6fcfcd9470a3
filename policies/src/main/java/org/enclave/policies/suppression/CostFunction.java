package org.enclave.policies.suppression;

/**
 * Cost of using a cell as a complementary suppression, per unit of deviation in the protection LP.
 *
 * <p>{@code cost(c) = (1 + ln(1 + |value|)) * (1 + marginDepth)}: the logarithm sits between
 * tau-Argus' "frequency/unity" (minimise the number of suppressions) and "cell value" (minimise the
 * suppressed total) weights, so a few large cells are not traded for many tiny ones, nor the other way
 * round; the {@code (1 + marginDepth)} factor makes a row or column total cost twice an interior cell of
 * the same value and a grand total three times in 2-D, so margins are used last, as users of
 * published tables expect. Cells already suppressed cost {@link ProtectionLp#REUSE_FACTOR} of this.
 */
final class CostFunction {

    private CostFunction() {
    }

    static double cost(double value, int marginDepth) {
        return (1.0 + Math.log1p(Math.abs(value))) * (1 + marginDepth);
    }
}
