package org.enclave.api.project;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.enclave.api.platform.InvariantViolation;

/**
 * The key-encryption key (256-bit AES, from configuration: {@code enclave.keys.dir/kek.key}) that wraps
 * project keys with AES key wrap (RFC 3394, JCA {@code AESWrap}). Its id is a fingerprint stored with
 * each wrapped key, so a KEK rotation is visible. {@code toString} shows only the id.
 */
public final class KeyEncryptionKey {

    private final byte[] key;
    private final String id;

    /** Takes ownership of {@code key} (32 bytes). */
    public KeyEncryptionKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the key-encryption key is 32 bytes");
        }
        this.key = key;
        try {
            // A fingerprint, not the key: SHA-256 over a label and the key, first 8 bytes.
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("enclave-kek-id\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            md.update(key);
            this.id = "kek:" + HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new InvariantViolation("SHA-256 missing", e);
        }
    }

    public String id() {
        return id;
    }

    byte[] wrap(ProjectKey projectKey) {
        try {
            Cipher cipher = Cipher.getInstance("AESWrap");
            cipher.init(Cipher.WRAP_MODE, new SecretKeySpec(key, "AES"));
            return cipher.wrap(projectKey.exposeForWrapping());
        } catch (GeneralSecurityException e) {
            throw new InvariantViolation("AES key wrap failed", e);
        }
    }

    /** @throws GeneralSecurityException when the wrapped bytes fail their integrity check (wrong KEK, tampering) */
    ProjectKey unwrap(byte[] wrapped) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AESWrap");
        cipher.init(Cipher.UNWRAP_MODE, new SecretKeySpec(key, "AES"));
        return ProjectKey.ofUnwrapped(cipher.unwrap(wrapped, "AES", Cipher.SECRET_KEY).getEncoded());
    }

    void destroy() {
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + id + ", redacted]";
    }
}
