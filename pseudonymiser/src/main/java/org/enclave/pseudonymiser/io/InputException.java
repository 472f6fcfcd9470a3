package org.enclave.pseudonymiser.io;

/**
 * A file-level input problem (empty file, unreadable encoding, unbalanced quote at end of file, corrupt Parquet):
 * the run fails and leaves no output. Messages give row numbers and column names, never values.
 */
public final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
