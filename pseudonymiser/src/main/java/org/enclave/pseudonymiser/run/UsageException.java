package org.enclave.pseudonymiser.run;

/** The command was asked something it will not do as given (e.g. replace a finished run without --replace). Exit 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
