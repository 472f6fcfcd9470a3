package org.enclave.api.release;

import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The enclave's release-verification key: a raw 32-byte Ed25519 public key. Written as PEM
 * (SubjectPublicKeyInfo, RFC 8410: the same file {@code openssl pkey -pubin} reads); read from PEM or
 * from the raw key in base64.
 */
public final class ReleasePublicKey {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410, section 4): SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING }. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final byte[] raw;

    public ReleasePublicKey(byte[] raw) {
        if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, found " + raw.length);
        }
        this.raw = raw.clone();
    }

    /**
     * Reads a key file: PEM ({@code -----BEGIN PUBLIC KEY-----}) or the raw key in base64.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static ReleasePublicKey parse(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("-----BEGIN PUBLIC KEY-----")) {
            String body = trimmed.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(body);
            if (der.length != SPKI_PREFIX.length + 32 || !Arrays.equals(Arrays.copyOf(der, SPKI_PREFIX.length), SPKI_PREFIX)) {
                throw new IllegalArgumentException("the PEM file does not hold an Ed25519 public key");
            }
            return new ReleasePublicKey(Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length));
        }
        return new ReleasePublicKey(Base64.getDecoder().decode(trimmed));
    }

    public String pem() {
        byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, der, SPKI_PREFIX.length, raw.length);
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(raw);
    }

    public String keyId() {
        return ReleaseSigningKey.hex8(raw);
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(raw, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReleasePublicKey k && Arrays.equals(raw, k.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "ReleasePublicKey[" + keyId() + "]";
    }
}
