package org.enclave.policies;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reason sets as {@code int} bit masks, so that evaluating a million cells allocates nothing.
 * Bit {@code i} is {@code Reason.values()[i]}.
 */
public final class Reasons {

    /** Mask of every reason that makes a cell a primary suppression. */
    public static final int SUPPRESS_MASK = maskOf(Reason.ofKind(Reason.Kind.SUPPRESS));
    /** Mask of every reason that sends the table to review. */
    public static final int REVIEW_MASK = maskOf(Reason.ofKind(Reason.Kind.REVIEW));

    private static final Reason[] ALL = Reason.values();

    private Reasons() {
    }

    public static int maskOf(Set<Reason> reasons) {
        int mask = 0;
        for (Reason r : reasons) {
            mask |= r.bit();
        }
        return mask;
    }

    public static int maskOf(Reason... reasons) {
        int mask = 0;
        for (Reason r : reasons) {
            mask |= r.bit();
        }
        return mask;
    }

    /** An unmodifiable set view of a mask, in declaration order. */
    public static Set<Reason> toSet(int mask) {
        if (mask == 0) {
            return Collections.emptySet();
        }
        EnumSet<Reason> set = EnumSet.noneOf(Reason.class);
        for (Reason r : ALL) {
            if ((mask & r.bit()) != 0) {
                set.add(r);
            }
        }
        return Collections.unmodifiableSet(set);
    }

    public static boolean has(int mask, Reason reason) {
        return (mask & reason.bit()) != 0;
    }

    /** Whether the mask holds a reason that suppresses the cell. */
    public static boolean suppresses(int mask) {
        return (mask & SUPPRESS_MASK) != 0;
    }

    /** Whether the mask holds a reason that sends the table to review. */
    public static boolean needsReview(int mask) {
        return (mask & REVIEW_MASK) != 0;
    }
}
