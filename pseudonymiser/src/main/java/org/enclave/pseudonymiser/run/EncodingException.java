package org.enclave.pseudonymiser.run;

/** A text value is not valid in the declared encoding: the whole file is taken to be in another encoding. */
final class EncodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EncodingException(String message) {
        super(message, null, false, false);
    }
}
