package org.enclave.api.platform;

/**
 * The second kind of error: the configuration is wrong, detected at start-up so the
 * application refuses to start and says why, instead of failing later on a request.
 */
public final class ConfigurationError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigurationError(String message) {
        super(message);
    }

    public ConfigurationError(String message, Throwable cause) {
        super(message, cause);
    }
}
