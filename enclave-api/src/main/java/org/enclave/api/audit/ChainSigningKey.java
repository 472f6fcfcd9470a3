package org.enclave.api.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The Ed25519 key (Bouncy Castle) that signs audit chain heads. Typed key material: the private half
 * never leaves this class; {@code toString} shows only the public key id.
 */
public final class ChainSigningKey {

    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKeyParameters publicKey;

    /** From a 32-byte seed; the caller's array is zeroed. */
    public ChainSigningKey(byte[] seed) {
        this.privateKey = new Ed25519PrivateKeyParameters(seed, 0);
        java.util.Arrays.fill(seed, (byte) 0);
        this.publicKey = privateKey.generatePublicKey();
    }

    /** Base64 Ed25519 signature of {@code message} (UTF-8). */
    public String sign(String message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        signer.update(bytes, 0, bytes.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature());
    }

    /** Whether {@code signature} (base64) is this key's signature of {@code message}. */
    public boolean verify(String message, String signature) {
        return verify(publicKey, message, signature);
    }

    static boolean verify(Ed25519PublicKeyParameters key, String message, String signature) {
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, key);
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            verifier.update(bytes, 0, bytes.length);
            return verifier.verifySignature(Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** The raw 32-byte public key, base64: what auditors verify checkpoints with. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** A short id of the public key (first 8 bytes of it, hex), stored with each checkpoint. */
    public String keyId() {
        return "ed25519:" + HexFormat.of().formatHex(publicKey.getEncoded(), 0, 8);
    }

    @Override
    public String toString() {
        return "ChainSigningKey[" + keyId() + ", private part redacted]";
    }
}
