package org.enclave.api.project;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A project's own random 256-bit key (docs/pseudonymiser.md: project pseudonym = HMAC(project key, CSNS)).
 * Not derived from anything; stored only wrapped ({@link ProjectKeyVault}); handed to a job only in
 * memory. {@code toString} redacts; equality is constant-time; {@link #destroy} zeroes it.
 */
public final class ProjectKey implements AutoCloseable {

    public static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private ProjectKey(byte[] key) {
        if (key.length != BYTES) {
            throw new IllegalArgumentException("a project key is " + BYTES + " bytes");
        }
        this.key = key;
    }

    public static ProjectKey generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new ProjectKey(bytes);
    }

    /** From unwrapped bytes; takes ownership of the array. */
    static ProjectKey ofUnwrapped(byte[] bytes) {
        return new ProjectKey(bytes);
    }

    /** The key as a JCA key, for wrapping. The explicit, greppable access to the raw material. */
    SecretKey exposeForWrapping() {
        return new SecretKeySpec(key, "AES");
    }

    /**
     * Writes the key, base64, to a job process's standard input: the one way a project key leaves the
     * API (docs/jobs.md, "The project key"). The encoded copy is wiped; the stream is left open.
     */
    public void writeBase64To(java.io.OutputStream out) throws java.io.IOException {
        byte[] encoded = java.util.Base64.getEncoder().encode(key);
        try {
            out.write(encoded);
            out.write('\n');
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    public void destroy() {
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProjectKey k && MessageDigest.isEqual(key, k.key);
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "ProjectKey[redacted]";
    }
}
