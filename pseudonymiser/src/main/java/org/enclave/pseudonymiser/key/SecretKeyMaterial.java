package org.enclave.pseudonymiser.key;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Base of the typed keys: 256-bit secret material that never leaves the object except through
 * {@link #unsafeBytes()} (a greppable, copying accessor), is redacted by {@code toString}, compares in constant
 * time and can be destroyed (zeroed) when no longer needed.
 *
 * <p>Deliberately not {@link java.io.Serializable}: key material must not travel by accident.
 */
public abstract sealed class SecretKeyMaterial implements Destroyable permits MasterKey, ProjectKey {
    /** Length of every key in bytes (256 bits). */
    public static final int LENGTH = 32;

    private final byte[] material;
    private volatile boolean destroyed;

    SecretKeyMaterial(byte[] material) {
        if (material == null || material.length != LENGTH) {
            throw new IllegalArgumentException("a key must be exactly " + LENGTH + " bytes");
        }
        this.material = material.clone();
    }

    /**
     * A copy of the raw key bytes. Named so that every use is easy to find and review; callers zero the copy
     * ({@code Arrays.fill(bytes, (byte) 0)}) once they have derived what they need.
     *
     * @throws IllegalStateException if the key was destroyed
     */
    public final byte[] unsafeBytes() {
        if (destroyed) {
            throw new IllegalStateException("key destroyed");
        }
        return material.clone();
    }

    /** Zeroes the key material; later {@link #unsafeBytes()} calls fail. */
    @Override
    public final void destroy() {
        Arrays.fill(material, (byte) 0);
        destroyed = true;
    }

    @Override
    public final boolean isDestroyed() {
        return destroyed;
    }

    /** Constant-time over the material (and equal identity metadata); different key types are never equal. */
    @Override
    public final boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        SecretKeyMaterial other = (SecretKeyMaterial) o;
        boolean sameBytes = MessageDigest.isEqual(material, other.material);
        return sameBytes & describe().equals(other.describe());
    }

    /** Depends only on the public description, so that hashing reveals nothing about the material. */
    @Override
    public final int hashCode() {
        return describe().hashCode();
    }

    /** Redacted: type and public identity only, never material. */
    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[" + describe() + ", material=<redacted>]";
    }

    /** Public, non-secret identity (key id, version, project) used by equals/hashCode/toString. */
    abstract String describe();
}
