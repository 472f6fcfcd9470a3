package org.enclave.policies.policy;

import java.math.BigDecimal;
import java.util.Objects;

import org.enclave.policies.rounding.CountRounding;
import org.enclave.policies.rounding.RoundingMethod;

/**
 * A disclosure-control policy: every parameter of every rule. Loaded from a tier's YAML file by
 * {@link PolicyLoader}; the sections mirror the file (docs/policies.md, "Parameters").
 *
 * <p>Fractions ({@code k}, {@code p}, ranges) are exact decimals, so that a cell exactly at a rule's
 * boundary is judged exactly. Instances are validated on construction.
 *
 * @param name        tier or file name; combined policies are named {@code a+b}
 * @param threshold   minimum distinct units, and whether empty cells are disclosive
 * @param dominance   the (n,k) dominance rule
 * @param pPercent    the p% rule
 * @param review      which contribution problems send the table to a human
 * @param regression  residual degrees of freedom for regression-type outputs
 * @param extremes    whether min/max/percentile tables may be released at all
 * @param protection  protection levels of threshold and zero cells (docs/policies.md, "Protection levels")
 * @param rounding    rounding of released counts
 */
public record Policy(String name, Threshold threshold, Dominance dominance, PPercent pPercent, Review review,
                     Regression regression, Extremes extremes, Protection protection, Rounding rounding) {

    /** @param minUnits a cell needs at least this many distinct units; @param zerosDisclosive empty cells are primary */
    public record Threshold(int minUnits, boolean zerosDisclosive) {
        public Threshold {
            require(minUnits >= 1 && minUnits <= 1_000_000, "threshold.minUnits", "must be between 1 and 1000000", minUnits);
        }
    }

    /** A cell is sensitive when its {@code n} largest contributions exceed {@code k} times its total. */
    public record Dominance(int n, BigDecimal k) {
        public Dominance {
            require(n >= 1 && n <= 10, "dominance.n", "must be between 1 and 10", n);
            Objects.requireNonNull(k, "dominance.k");
            require(k.signum() > 0 && k.compareTo(BigDecimal.ONE) < 0, "dominance.k",
                    "must be a fraction in (0, 1) (write 0.90 for 90%)", k);
        }
    }

    /** A cell is sensitive when {@code p * x1 > total - x1 - x2}. */
    public record PPercent(BigDecimal p) {
        public PPercent {
            Objects.requireNonNull(p, "pPercent.p");
            require(p.signum() > 0 && p.compareTo(BigDecimal.ONE) <= 0, "pPercent.p",
                    "must be a fraction in (0, 1] (write 0.10 for 10%)", p);
        }
    }

    /** Whether cells with negative or missing contributions send the table to review. */
    public record Review(boolean negatives, boolean missing) {
    }

    /** Regression-type outputs need at least this many residual degrees of freedom. */
    public record Regression(int minResidualDf) {
        public Regression {
            require(minResidualDf >= 0 && minResidualDf <= 1_000_000, "regression.minResidualDf",
                    "must be between 0 and 1000000", minResidualDf);
        }
    }

    /** Whether min/max/percentile tables may be released (never a cell determined by one unit). */
    public record Extremes(boolean allowed) {
    }

    /**
     * @param frequencyRange protection of a threshold cell in a magnitude table, as a fraction of its total
     * @param zeroRange      protection of a zero cell in a magnitude table, in the measure's units
     */
    public record Protection(BigDecimal frequencyRange, BigDecimal zeroRange) {
        public Protection {
            Objects.requireNonNull(frequencyRange, "protection.frequencyRange");
            Objects.requireNonNull(zeroRange, "protection.zeroRange");
            require(frequencyRange.signum() >= 0 && frequencyRange.compareTo(BigDecimal.ONE) <= 0,
                    "protection.frequencyRange", "must be a fraction in [0, 1]", frequencyRange);
            require(zeroRange.signum() >= 0, "protection.zeroRange", "must not be negative", zeroRange);
        }
    }

    /** Rounding of released counts (frequency tables). */
    public record Rounding(boolean enabled, RoundingMethod method, int base) {
        public Rounding {
            Objects.requireNonNull(method, "rounding.method");
            require(base >= 2 && base <= 1000, "rounding.base", "must be between 2 and 1000", base);
        }

        /** @return the rounding to apply, or {@code null} when rounding is off */
        public CountRounding rounder() {
            return enabled ? new CountRounding(method, base) : null;
        }
    }

    public Policy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(dominance, "dominance");
        Objects.requireNonNull(pPercent, "pPercent");
        Objects.requireNonNull(review, "review");
        Objects.requireNonNull(regression, "regression");
        Objects.requireNonNull(extremes, "extremes");
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(rounding, "rounding");
        if (!name.matches("[A-Za-z0-9._+-]{1,200}")) {
            throw new IllegalArgumentException("name: letters, digits and . _ + - only");
        }
    }

    /**
     * The built-in defaults, which the {@code standard} tier states explicitly: threshold 10 with
     * zeros disclosive, (2, 0.90) dominance, p = 0.10, negatives and missing to review, 10 residual
     * degrees of freedom, extremes refused, threshold protection 30% of the total, zero protection 1,
     * no rounding (base 5 when switched on).
     */
    public static Policy defaults() {
        return new Policy("standard", new Threshold(10, true), new Dominance(2, new BigDecimal("0.90")),
                new PPercent(new BigDecimal("0.10")), new Review(true, true), new Regression(10), new Extremes(false),
                new Protection(new BigDecimal("0.30"), BigDecimal.ONE), new Rounding(false, RoundingMethod.NEAREST, 5));
    }

    /**
     * Combines two policies, keeping the strictest value of every parameter: higher threshold, zeros
     * disclosive if either says so, larger n and smaller k, larger p, review flags OR-ed, more degrees of
     * freedom, extremes only if both allow them, larger protection ranges, rounding on if either has it
     * (the larger base; when both round with different methods, {@code nearest}, which also hides
     * zeros among small counts). Commutative and idempotent up to the name ({@code a+b}).
     */
    public static Policy strictest(Policy a, Policy b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Rounding ra = a.rounding;
        Rounding rb = b.rounding;
        Rounding rounding;
        if (ra.enabled && rb.enabled) {
            RoundingMethod method = ra.method == rb.method ? ra.method : RoundingMethod.NEAREST;
            rounding = new Rounding(true, method, Math.max(ra.base, rb.base));
        } else if (ra.enabled || rb.enabled) {
            rounding = ra.enabled ? ra : rb;
        } else {
            rounding = new Rounding(false, ra.method, Math.max(ra.base, rb.base));
            if (ra.method != rb.method) {
                rounding = new Rounding(false, RoundingMethod.NEAREST, Math.max(ra.base, rb.base));
            }
        }
        return new Policy(
                a.name.equals(b.name) ? a.name : a.name + "+" + b.name,
                new Threshold(Math.max(a.threshold.minUnits, b.threshold.minUnits),
                        a.threshold.zerosDisclosive || b.threshold.zerosDisclosive),
                new Dominance(Math.max(a.dominance.n, b.dominance.n), a.dominance.k.min(b.dominance.k)),
                new PPercent(a.pPercent.p.max(b.pPercent.p)),
                new Review(a.review.negatives || b.review.negatives, a.review.missing || b.review.missing),
                new Regression(Math.max(a.regression.minResidualDf, b.regression.minResidualDf)),
                new Extremes(a.extremes.allowed && b.extremes.allowed),
                new Protection(a.protection.frequencyRange.max(b.protection.frequencyRange),
                        a.protection.zeroRange.max(b.protection.zeroRange)),
                rounding);
    }

    /** The same parameters under another name. */
    public Policy named(String newName) {
        return new Policy(newName, threshold, dominance, pPercent, review, regression, extremes, protection, rounding);
    }

    private static void require(boolean ok, String key, String problem, Object found) {
        if (!ok) {
            throw new InvalidParameterException(key, problem, String.valueOf(found));
        }
    }

    /** A parameter out of range; {@link PolicyLoader} turns it into a {@link PolicyConfigException}. */
    public static final class InvalidParameterException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String key;

        InvalidParameterException(String key, String problem, String found) {
            super(key + ": " + problem + ", found " + found);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
