package org.enclave.api.platform;

/**
 * The third kind of error: a broken invariant, which is a bug in Enclave, not a
 * mistake of the caller. Clients see a 500 with an incident reference, never this message.
 */
public final class InvariantViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvariantViolation(String message) {
        super("BUG: " + message);
    }

    public InvariantViolation(String message, Throwable cause) {
        super("BUG: " + message, cause);
    }
}
