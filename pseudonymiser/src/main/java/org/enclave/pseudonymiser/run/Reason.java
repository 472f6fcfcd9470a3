package org.enclave.pseudonymiser.run;

/** Quarantine reason codes (documented in docs/pseudonymiser.md). IMPORTANT: codes are a public contract. */
public enum Reason {
    COLUMN_COUNT("column-count"),
    BAD_QUOTING("bad-quoting"),
    NIR_MISSING("nir-missing"),
    NIR_FORMAT("nir-format"),
    NIR_CHECK_KEY("nir-check-key"),
    BAD_DATE("bad-date"),
    BAD_INT("bad-int"),
    BAD_DECIMAL("bad-decimal"),
    BAD_COMMUNE("bad-commune");

    private final String code;

    Reason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
