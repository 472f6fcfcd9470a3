package org.enclave.policies.policy;

/**
 * A policy file or tier name that cannot be used: unknown tier, unreadable or malformed YAML, an
 * unknown key, a value out of range. A configuration error: the message names the source and the
 * key, e.g. {@code health.yaml: dominance.k: must be a fraction in (0, 1), found 90}.
 */
public final class PolicyConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public PolicyConfigException(String message) {
        super(message);
    }
}
