package org.enclave.policies.rules;

import java.math.BigDecimal;
import java.util.Objects;

import org.enclave.policies.Reason;
import org.enclave.policies.table.CellTable;

/**
 * (n,k) dominance for magnitude (sum) tables: a cell is primary ({@code nk-dominance}) when its
 * {@code n} largest contributions together exceed the fraction {@code k} of the cell total,
 * {@code x1 + ... + xn > k * T}; equivalently its sensitivity {@code (x1 + ... + xn)/k - T} is positive.
 * A cell exactly at {@code k} (sum equal to {@code k * T}) passes, as in Hundepool et al.,
 * <i>Statistical Disclosure Control</i> (2012), section 4.2, where the rule is a strict inequality.
 *
 * <p>The comparison is exact: it is done in double precision when the two sides differ by clearly
 * more than rounding error, and otherwise again with {@link BigDecimal} on the exact binary values
 * of the inputs and the exact decimal {@code k} of the policy.
 *
 * <p>Contributions are taken by absolute value against the signed total. With negative
 * contributions this is conservative (it flags more cells), and such tables go to human review anyway
 * when the policy says so. A cell with fewer than {@code n} units is dominated by definition
 * (its {@code n} largest contributions are all of it).
 *
 * @param n number of largest contributions, 1..10
 * @param k fraction in (0, 1)
 */
public record DominanceRule(int n, BigDecimal k) implements Rule {

    private static final int NK = Reason.NK_DOMINANCE.bit();
    /** Relative gap under which the double comparison is re-done exactly; far above double rounding error. */
    static final double EXACT_BAND = 1e-12;

    public DominanceRule {
        Objects.requireNonNull(k, "k");
        if (n < 1 || n > CellTable.MAX_TOP) {
            throw new IllegalArgumentException("n must be between 1 and " + CellTable.MAX_TOP);
        }
        if (k.signum() <= 0 || k.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("k must be a fraction in (0, 1)");
        }
    }

    @Override
    public int evaluate(CellTable t, int i) {
        return t.hasContributions() && sensitive(t, i, k.doubleValue()) ? NK : 0;
    }

    @Override
    public void evaluateAll(CellTable t, int[] masks) {
        if (!t.hasContributions()) {
            return;
        }
        double kd = k.doubleValue();
        for (int i = 0, size = t.size(); i < size; i++) {
            if (sensitive(t, i, kd)) {
                masks[i] |= NK;
            }
        }
    }

    private boolean sensitive(CellTable t, int i, double kd) {
        if (t.units(i) == 0) {
            return false;
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += t.topAbs(i, j);
        }
        double kt = kd * t.total(i);
        double diff = sum - kt;
        double band = EXACT_BAND * (sum + Math.abs(kt));
        if (diff > band) {
            return true;
        }
        if (diff < -band) {
            return false;
        }
        return exactSensitivity(t, i).signum() > 0;
    }

    /** {@code x1 + ... + xn - k * T}, exactly. */
    private BigDecimal exactSensitivity(CellTable t, int i) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int j = 0; j < n; j++) {
            sum = sum.add(new BigDecimal(t.topAbs(i, j)));
        }
        return sum.subtract(k.multiply(new BigDecimal(t.total(i))));
    }

    /**
     * The upper protection level of a dominated cell, after tau-Argus: {@code (x1 + ... + xn)/k - T},
     * the amount by which the published total would have to grow for the cell to pass.
     */
    public double protectionLevel(CellTable t, int i) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += t.topAbs(i, j);
        }
        return sum / k.doubleValue() - t.total(i);
    }
}
