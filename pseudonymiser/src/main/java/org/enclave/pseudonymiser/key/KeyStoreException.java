package org.enclave.pseudonymiser.key;

/** The keystore cannot be created, opened or updated. Messages never carry key material or passwords. */
public final class KeyStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyStoreException(String message) {
        super(message);
    }

    public KeyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
