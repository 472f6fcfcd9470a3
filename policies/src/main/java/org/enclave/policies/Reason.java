package org.enclave.policies;

import java.util.EnumSet;
import java.util.Set;

/**
 * Why a cell is not released as it is. A cell carries every reason that applies.
 *
 * <p>Reasons are of two kinds. {@link Kind#SUPPRESS} reasons make the cell a primary suppression.
 * {@link Kind#REVIEW} reasons do not suppress the cell; they send the whole table to a human output
 * checker (status {@code review}).
 *
 * <p>In the hot path a set of reasons is an {@code int} bit mask ({@link #bit()}), see {@link Reasons}.
 * IMPORTANT: the external names ({@link #id()}) appear in SDC records and must never change.
 */
public enum Reason {
    /** Fewer distinct units than the policy's minimum. */
    THRESHOLD("threshold", Kind.SUPPRESS),
    /** An empty cell (no units), or a magnitude cell whose every contribution is zero. */
    ZERO("zero", Kind.SUPPRESS),
    /** The n largest contributions exceed the fraction k of the cell total. */
    NK_DOMINANCE("nk-dominance", Kind.SUPPRESS),
    /** The second-largest contributor could estimate the largest one to within p percent. */
    P_PERCENT("p-percent", Kind.SUPPRESS),
    /** A regression-type output with fewer residual degrees of freedom than the minimum. */
    DOF("dof", Kind.SUPPRESS),
    /** A minimum, maximum or percentile determined by a single unit. */
    SINGLE_UNIT("single-unit", Kind.SUPPRESS),
    /** The cell has negative contributions: the dominance rules are only a screening, a human must look. */
    NEGATIVE("negative", Kind.REVIEW),
    /** The cell has missing contributions: the figures may not mean what they seem, a human must look. */
    MISSING("missing", Kind.REVIEW);

    /** What a reason does to the cell and the table. */
    public enum Kind { SUPPRESS, REVIEW }

    private final String id;
    private final Kind kind;

    Reason(String id, Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    /** The stable external name, as written in records and summaries. */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** This reason's bit in a reason mask. */
    public int bit() {
        return 1 << ordinal();
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static Reason fromId(String id) {
        for (Reason r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reason: " + id);
    }

    /** All reasons of one kind. */
    public static Set<Reason> ofKind(Kind kind) {
        EnumSet<Reason> set = EnumSet.noneOf(Reason.class);
        for (Reason r : values()) {
            if (r.kind == kind) {
                set.add(r);
            }
        }
        return set;
    }
}
