package org.enclave.api.catalogue;

import java.util.Locale;
import org.enclave.api.platform.DomainException;

/**
 * A column's role (DESIGN section 1): the pseudonymised identifier, a quasi-identifier (generalised at
 * ingest), or an ordinary attribute.
 */
public enum ColumnRole {
    IDENTIFIER, QUASI_IDENTIFIER, ATTRIBUTE;

    /**
     * Accepts the manifest's spelling ({@code quasi-identifier}) as well as the enum's, and the
     * pseudonymiser's schema and manifest spelling {@code quasi}.
     */
    public static ColumnRole parse(String field, String text) {
        try {
            String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            return name.equals("QUASI") ? QUASI_IDENTIFIER : valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DomainException.Invalid(field, "unknown column role '" + text + "'; one of identifier, quasi-identifier, attribute");
        }
    }

    public String spelling() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
