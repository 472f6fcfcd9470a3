package org.enclave.policies.rounding;

import java.util.Objects;

/**
 * Rounds released counts to a base.
 *
 * <p>Totals are rounded independently: a margin is its own true value rounded, not the sum of the
 * rounded cells (docs/policies.md, "Rounding"). Every published figure is then within one rounding
 * step of the truth, and no margin adds up the rounded values of suppressed cells.
 *
 * @param method how to round
 * @param base   the rounding base, {@code >= 2}
 */
public record CountRounding(RoundingMethod method, int base) {

    public CountRounding {
        Objects.requireNonNull(method, "method");
        if (base < 2) {
            throw new IllegalArgumentException("rounding base must be at least 2");
        }
    }

    /**
     * @param count a count, {@code >= 0}
     * @return the rounded count
     * @throws IllegalArgumentException for a negative count
     */
    public long round(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
        return switch (method) {
            // Halves upwards: with an odd base there are no halves; with an even base, x = k*b + b/2 goes up.
            case NEAREST -> Math.floorDiv(count + base / 2, (long) base) * base;
            case MIDPOINT -> count == 0 ? 0 : ceilDiv(count, base) * base - base / 2;
        };
    }

    private static long ceilDiv(long x, long b) {
        return -Math.floorDiv(-x, b);
    }
}
