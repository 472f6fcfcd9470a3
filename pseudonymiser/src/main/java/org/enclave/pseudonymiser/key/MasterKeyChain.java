package org.enclave.pseudonymiser.key;

import java.util.List;

/**
 * All versions of one master key, oldest first (version 1 at index 0). Version n of the CSNS is the chain
 * HMAC(K_n, ... HMAC(K_2, HMAC(K_1, encoding(body)))), so that {@code rekey} can move existing CSNS values to a
 * new version without the NIRs, and new runs at version n agree with re-keyed data.
 */
public record MasterKeyChain(List<MasterKey> versions) {
    public MasterKeyChain {
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a key chain holds at least one version");
        }
        String id = versions.get(0).ref().keyId();
        for (int i = 0; i < versions.size(); i++) {
            KeyRef r = versions.get(i).ref();
            if (r.version() != i + 1 || !r.keyId().equals(id)) {
                throw new IllegalArgumentException("key chain must hold versions 1..n of one key id");
            }
        }
    }

    public String keyId() {
        return versions.get(0).ref().keyId();
    }

    /** The latest version's reference. */
    public KeyRef latest() {
        return versions.get(versions.size() - 1).ref();
    }

    /** The key of version {@code v} (1-based). */
    public MasterKey version(int v) {
        if (v < 1 || v > versions.size()) {
            throw new IllegalArgumentException("key version " + v + " is not in the keystore (1.." + versions.size() + ")");
        }
        return versions.get(v - 1);
    }

    /** Zeroes every version. */
    public void destroy() {
        versions.forEach(MasterKey::destroy);
    }
}
