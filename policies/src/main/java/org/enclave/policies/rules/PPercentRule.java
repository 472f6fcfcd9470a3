package org.enclave.policies.rules;

import java.math.BigDecimal;
import java.util.Objects;

import org.enclave.policies.Reason;
import org.enclave.policies.table.CellTable;

/**
 * The p% rule for magnitude (sum) tables: the second-largest contributor, who knows its own value
 * {@code x2}, bounds the largest {@code x1} by {@code T - x2}; the cell is primary ({@code p-percent})
 * when that bound is within {@code p * x1} of the truth, i.e. when the sensitivity
 * {@code S = p * x1 - (T - x1 - x2)} is positive. {@code S == 0} passes (Hundepool et al. 2012,
 * section 4.2; tau-Argus manual 4.1, section 2.3 and the p% rule with one intruder).
 *
 * <p>Exactness and negative contributions are handled as in {@link DominanceRule}. A single-unit cell
 * ({@code x2 = 0}, {@code T = x1}) is always sensitive.
 *
 * @param p fraction in (0, 1]
 */
public record PPercentRule(BigDecimal p) implements Rule {

    private static final int P = Reason.P_PERCENT.bit();

    public PPercentRule {
        Objects.requireNonNull(p, "p");
        if (p.signum() <= 0 || p.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("p must be a fraction in (0, 1]");
        }
    }

    @Override
    public int evaluate(CellTable t, int i) {
        return t.hasContributions() && sensitive(t, i, p.doubleValue()) ? P : 0;
    }

    @Override
    public void evaluateAll(CellTable t, int[] masks) {
        if (!t.hasContributions()) {
            return;
        }
        double pd = p.doubleValue();
        for (int i = 0, size = t.size(); i < size; i++) {
            if (sensitive(t, i, pd)) {
                masks[i] |= P;
            }
        }
    }

    private boolean sensitive(CellTable t, int i, double pd) {
        if (t.units(i) == 0) {
            return false;
        }
        double x1 = t.topAbs(i, 0);
        double x2 = t.topAbs(i, 1);
        double total = t.total(i);
        // S > 0  <=>  p*x1 + x1 + x2 > T
        double lhs = pd * x1 + x1 + x2;
        double diff = lhs - total;
        double band = DominanceRule.EXACT_BAND * (lhs + Math.abs(total));
        if (diff > band) {
            return true;
        }
        if (diff < -band) {
            return false;
        }
        return exactSensitivity(x1, x2, total).signum() > 0;
    }

    private BigDecimal exactSensitivity(double x1, double x2, double total) {
        BigDecimal bx1 = new BigDecimal(x1);
        return p.multiply(bx1).subtract(new BigDecimal(total).subtract(bx1).subtract(new BigDecimal(x2)));
    }

    /**
     * The upper protection level of a sensitive cell, after tau-Argus: its sensitivity
     * {@code p * x1 - (T - x1 - x2)}, the amount the second-largest contributor's upper bound on
     * {@code x1} must be pushed up for the estimate to be off by at least {@code p * x1}.
     */
    public double protectionLevel(CellTable t, int i) {
        double x1 = t.topAbs(i, 0);
        return p.doubleValue() * x1 - (t.total(i) - x1 - t.topAbs(i, 1));
    }
}
