package org.enclave.pseudonymiser.nir;

/** Why a value is not a NIR; each maps to a quarantine reason code. Never carries the value. */
public enum NirError {
    MISSING("nir-missing", "missing NIR"),
    FORMAT("nir-format", "invalid NIR (format)"),
    CHECK_KEY("nir-check-key", "invalid NIR (check key)");

    private final String reasonCode;
    private final String message;

    NirError(String reasonCode, String message) {
        this.reasonCode = reasonCode;
        this.message = message;
    }

    /** The quarantine reason code, e.g. {@code nir-check-key}. */
    public String reasonCode() {
        return reasonCode;
    }

    /** A message safe to show anywhere: it names the fault, never the digits. */
    public String message() {
        return message;
    }

    static NirError fromCode(int code) {
        return switch (code) {
            case NirParser.ERR_MISSING -> MISSING;
            case NirParser.ERR_CHECK_KEY -> CHECK_KEY;
            default -> FORMAT;
        };
    }
}
