package org.enclave.policies.rounding;

import java.util.Locale;

/** How released counts are rounded. IMPORTANT: names appear in policy files and records; never change them. */
public enum RoundingMethod {
    /**
     * Conventional rounding to the nearest multiple of the base, halves upwards
     * (base 5: 0-2 to 0, 3-7 to 5, 8-12 to 10).
     */
    NEAREST("nearest"),
    /**
     * "Midpoint 6" rounding as published by OpenSAFELY (base 6 by default): 0 stays 0, 1-6 to 3,
     * 7-12 to 9, 13-18 to 15, i.e. {@code ceil(x/b)*b - floor(b/2)} for {@code x > 0}. Unbiased,
     * zero stays zero, and the smallest non-zero label (3) stands for every count 1-6.
     */
    MIDPOINT("midpoint6");

    private final String id;

    RoundingMethod(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The base used when a policy names the method but no base. */
    public int defaultBase() {
        return this == NEAREST ? 5 : 6;
    }

    /** @return the method, or {@code null} for an unknown name */
    public static RoundingMethod fromId(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        for (RoundingMethod m : values()) {
            if (m.id.equals(lower)) {
                return m;
            }
        }
        return null;
    }
}
