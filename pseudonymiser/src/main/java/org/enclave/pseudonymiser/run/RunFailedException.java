package org.enclave.pseudonymiser.run;

/** The run could not complete; no output was published. Exit status 1. The message never holds input values. */
public final class RunFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RunFailedException(String message) {
        super(message);
    }

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
