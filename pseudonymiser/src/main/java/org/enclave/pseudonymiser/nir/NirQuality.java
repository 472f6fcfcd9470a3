package org.enclave.pseudonymiser.nir;

import java.util.EnumSet;
import java.util.Set;

/** Quality flags of an accepted NIR, counted in the manifest under {@code quality}. */
public enum NirQuality {
    /** First digit 3, 4, 7 or 8: a temporary or fictitious number (e.g. awaiting registration). */
    TEMPORARY("nir-temporary", NirParser.TEMPORARY),
    /** Month 20, 30-42 or 50-99: incomplete civil-status record. */
    FICTITIOUS_MONTH("nir-fictitious-month", NirParser.FICTITIOUS_MONTH);

    private final String code;
    private final int bit;

    NirQuality(String code, int bit) {
        this.code = code;
        this.bit = bit;
    }

    public String code() {
        return code;
    }

    public int bit() {
        return bit;
    }

    static Set<NirQuality> fromFlags(int flags) {
        Set<NirQuality> s = EnumSet.noneOf(NirQuality.class);
        for (NirQuality q : values()) {
            if ((flags & q.bit) != 0) {
                s.add(q);
            }
        }
        return s;
    }
}
