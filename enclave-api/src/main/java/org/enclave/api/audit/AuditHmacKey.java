package org.enclave.api.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.enclave.api.platform.InvariantViolation;

/**
 * The key that turns sensitive audit values into {@code hmac-sha256:<hex>} (HMAC-SHA-256, JCA). Typed
 * key material: {@code toString} redacts, equality is constant-time.
 */
public final class AuditHmacKey {

    public static final String PREFIX = "hmac-sha256:";

    private final byte[] key;

    /** Takes ownership of {@code key} (32 bytes). */
    public AuditHmacKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("audit HMAC key must be 32 bytes");
        }
        this.key = key;
    }

    public String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new InvariantViolation("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditHmacKey k && MessageDigest.isEqual(key, k.key);
    }

    @Override
    public int hashCode() {
        return 1;
    }

    @Override
    public String toString() {
        return "AuditHmacKey[redacted]";
    }

    /** Zeroes the key (at shutdown). */
    void destroy() {
        Arrays.fill(key, (byte) 0);
    }
}
