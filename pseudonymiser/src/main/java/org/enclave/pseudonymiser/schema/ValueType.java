package org.enclave.pseudonymiser.schema;

/** Input value types of quasi-identifiers and attributes. */
public enum ValueType {
    STRING, INT, LONG, DECIMAL, DATE;

    public String yaml() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
