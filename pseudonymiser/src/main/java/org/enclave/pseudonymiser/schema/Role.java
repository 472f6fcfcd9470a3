package org.enclave.pseudonymiser.schema;

/** What a column is, for disclosure control. Spelled in lowercase in the schema file. */
public enum Role {
    /** Direct identifier: becomes the CSNS ({@code kind: nir}) or is dropped ({@code kind: drop}). */
    IDENTIFIER,
    /** Quasi-identifier: kept, generalised at ingest. */
    QUASI,
    /** Attribute: kept as is (typed). */
    ATTRIBUTE;

    public String yaml() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
