package org.enclave.policies;

import java.util.Locale;

/**
 * What the cells of a table hold. IMPORTANT: the names appear in table files and records; never change them.
 */
public enum Statistic {
    /** Frequency table: the published value is the row count. Additive. */
    COUNT("count", true),
    /** Magnitude table: the published value is the sum of a measure. Additive. */
    SUM("sum", true),
    /** Smallest value of a measure in the cell. Not additive; an extreme. */
    MIN("min", false),
    /** Largest value of a measure in the cell. Not additive; an extreme. */
    MAX("max", false),
    /** A percentile (including the median) of a measure. Not additive; an extreme in the policy's sense. */
    PERCENTILE("percentile", false),
    /** A regression-type output (one model per cell); checked on residual degrees of freedom. */
    REGRESSION("regression", false);

    private final String id;
    private final boolean additive;

    Statistic(String id, boolean additive) {
        this.id = id;
        this.additive = additive;
    }

    public String id() {
        return id;
    }

    /** Whether margins are sums of their cells, so that secondary suppression and additivity checks apply. */
    public boolean additive() {
        return additive;
    }

    /** Whether the policy's {@code extremes} switch governs this statistic. */
    public boolean extreme() {
        return this == MIN || this == MAX || this == PERCENTILE;
    }

    /** @return the statistic, or {@code null} for an unknown name */
    public static Statistic fromId(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        for (Statistic s : values()) {
            if (s.id.equals(lower)) {
                return s;
            }
        }
        return null;
    }
}
