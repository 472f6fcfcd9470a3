package org.enclave.pseudonymiser.schema;

/** The schema file is invalid, or the input does not match it. The message names the column at fault. */
public final class SchemaException extends Exception {
    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
