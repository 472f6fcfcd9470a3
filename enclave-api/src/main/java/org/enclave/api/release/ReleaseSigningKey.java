package org.enclave.api.release;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The Ed25519 key (Bouncy Castle) that signs release packages, distinct from the audit chain's key so
 * that each can be rotated and published on its own. Typed key material: the private
 * half never leaves this class; {@code toString} shows only the public key id.
 */
public final class ReleaseSigningKey {

    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKeyParameters publicKey;

    /** From a 32-byte seed; the caller's array is zeroed. */
    public ReleaseSigningKey(byte[] seed) {
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            Arrays.fill(seed, (byte) 0);
            throw new IllegalArgumentException("a release signing key is a 32-byte Ed25519 seed");
        }
        this.privateKey = new Ed25519PrivateKeyParameters(seed, 0);
        Arrays.fill(seed, (byte) 0);
        this.publicKey = privateKey.generatePublicKey();
    }

    /** The detached Ed25519 signature (64 bytes) of {@code message}. */
    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** The public key, as published ({@code GET /api/releases/public-key}) and as verifiers read it. */
    public ReleasePublicKey publicKey() {
        return new ReleasePublicKey(publicKey.getEncoded());
    }

    /** A short id of the public key (first 8 bytes, hex), written into each package's record. */
    public String keyId() {
        return publicKey().keyId();
    }

    @Override
    public String toString() {
        return "ReleaseSigningKey[" + keyId() + ", private part redacted]";
    }

    static String hex8(byte[] key) {
        return "ed25519:" + HexFormat.of().formatHex(key, 0, 8);
    }
}
