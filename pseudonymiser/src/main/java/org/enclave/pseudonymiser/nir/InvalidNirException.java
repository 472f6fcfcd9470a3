package org.enclave.pseudonymiser.nir;

/** A value is not a valid NIR. The message names the fault ("invalid NIR (check key)"), never the digits. */
public final class InvalidNirException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient NirError error;

    public InvalidNirException(NirError error) {
        super(error.message());
        this.error = error;
    }

    public NirError error() {
        return error;
    }
}
