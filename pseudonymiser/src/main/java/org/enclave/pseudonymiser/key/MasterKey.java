package org.enclave.pseudonymiser.key;

import java.util.Objects;

/**
 * One version of the CSNS master key, held by the trusted third party and used only by the pseudonymiser
 * (docs/pseudonymiser.md). Identified by a {@link KeyRef} (key id + version).
 */
public final class MasterKey extends SecretKeyMaterial {
    private final KeyRef ref;

    /**
     * @param ref      key id and version; never null
     * @param material exactly 32 bytes, copied (the caller should zero its array)
     */
    public MasterKey(KeyRef ref, byte[] material) {
        super(material);
        this.ref = Objects.requireNonNull(ref, "ref");
    }

    public KeyRef ref() {
        return ref;
    }

    @Override
    String describe() {
        return "id=" + ref.keyId() + ", version=" + ref.version();
    }
}
