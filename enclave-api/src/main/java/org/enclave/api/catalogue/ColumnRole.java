package org.enclave.api.catalogue;

import java.util.Locale;
import org.enclave.api.platform.DomainException;

/**
 * A column's role (docs/architecture.md): the pseudonymised identifier, a quasi-identifier (generalised at
 * ingest), or an ordinary attribute.
 */
public enum ColumnRole {
    IDENTIFIER, QUASI_IDENTIFIER, ATTRIBUTE;

    /**
     * Accepts the enum's spelling, {@code quasi-identifier}, and the pseudonymiser manifest's short
     * {@code quasi} (docs/pseudonymiser.md, "Schema file").
     */
    public static ColumnRole parse(String field, String text) {
        try {
            String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            return valueOf(t.equals("QUASI") ? "QUASI_IDENTIFIER" : t);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DomainException.Invalid(field, "unknown column role '" + text + "'; one of identifier, quasi-identifier, attribute");
        }
    }

    public String spelling() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
