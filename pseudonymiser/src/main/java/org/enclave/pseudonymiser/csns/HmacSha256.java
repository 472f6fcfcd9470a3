package org.enclave.pseudonymiser.csns;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA-256 (RFC 2104) with the inner and outer digest states precomputed from the key, so each MAC costs
 * two SHA-256 compressions for short messages instead of four. Uses the JDK's SHA-256 (hardware SHA
 * instructions when present), which measures about 3x faster here than a pure-Java digest.
 *
 * <p>Thread-safe: the two template digests are never updated after construction; each call clones them.
 * Pinned by the RFC 4231 test vectors and cross-checked against the JDK's {@code Mac}.
 */
public final class HmacSha256 {
    /** Output length in bytes. */
    public static final int LENGTH = 32;
    private static final int BLOCK = 64;

    private final MessageDigest inner;
    private final MessageDigest outer;

    /**
     * @param key any length (RFC 2104: keys longer than a block are hashed first); not retained, the caller
     *            zeroes it
     */
    public HmacSha256(byte[] key) {
        byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
        byte[] ipad = new byte[BLOCK];
        byte[] opad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        inner = sha256();
        inner.update(ipad);
        outer = sha256();
        outer.update(opad);
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(opad, (byte) 0);
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
    }

    /** MAC of {@code msg[off, off+len)} written to {@code out[outOff, outOff+32)}. */
    public void mac(byte[] msg, int off, int len, byte[] out, int outOff) {
        try {
            MessageDigest in = (MessageDigest) inner.clone();
            in.update(msg, off, len);
            in.digest(out, outOff, LENGTH);
            MessageDigest o = (MessageDigest) outer.clone();
            o.update(out, outOff, LENGTH);
            o.digest(out, outOff, LENGTH);
        } catch (CloneNotSupportedException | java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 provider cannot clone digest states (a bug or an odd JDK)", e);
        }
    }

    /** MAC of the whole message, as a new 32-byte array. */
    public byte[] mac(byte[] msg) {
        byte[] out = new byte[LENGTH];
        mac(msg, 0, msg.length, out, 0);
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
