package org.enclave.pseudonymiser.key;

import java.util.regex.Pattern;

/**
 * Public identity of a master key version: the key id (stable across rotations) and the version (1, 2, ...).
 * Written into every manifest; contains nothing secret.
 *
 * @param keyId   lowercase letters, digits and dashes, 1-64 characters
 * @param version 1 or more
 */
public record KeyRef(String keyId, int version) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public KeyRef {
        if (keyId == null || !ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("key id must be 1-64 lowercase letters, digits or dashes");
        }
        if (version < 1) {
            throw new IllegalArgumentException("key version must be 1 or more");
        }
    }
}
