package org.enclave.pseudonymiser.csns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.enclave.pseudonymiser.key.KeyRef;
import org.enclave.pseudonymiser.key.MasterKey;
import org.enclave.pseudonymiser.key.MasterKeyChain;
import org.enclave.pseudonymiser.nir.Nir;

/**
 * CSNS computation at a given master-key version:
 * {@code csns_1 = HMAC-SHA-256(K_1, encoding(body))} and {@code csns_n = HMAC-SHA-256(K_n, csns_(n-1))}.
 * The chain is what lets {@code rekey} renew existing CSNS values without the NIRs (see {@link MasterKeyChain}).
 *
 * <p>Thread-safe (see {@link HmacSha256}). The bulk path calls {@link #csns(byte[], byte[], byte[], int)} with
 * per-thread scratch buffers and allocates nothing.
 */
public final class CsnsFunction {
    /** Length of a CSNS in bytes. Stored as binary, never hex. */
    public static final int LENGTH = HmacSha256.LENGTH;

    private final CsnsEncoding encoding;
    private final KeyRef ref;
    private final HmacSha256[] chain;

    private CsnsFunction(CsnsEncoding encoding, KeyRef ref, List<HmacSha256> chain) {
        this.encoding = encoding;
        this.ref = ref;
        this.chain = chain.toArray(new HmacSha256[0]);
    }

    /** The CSNS function at the chain's latest version. */
    public static CsnsFunction latest(MasterKeyChain keys, CsnsEncoding encoding) {
        return atVersion(keys, keys.latest().version(), encoding);
    }

    /** The CSNS function at version {@code version} of the chain. */
    public static CsnsFunction atVersion(MasterKeyChain keys, int version, CsnsEncoding encoding) {
        List<HmacSha256> macs = new ArrayList<>();
        for (int v = 1; v <= version; v++) {
            macs.add(mac(keys.version(v)));
        }
        return new CsnsFunction(encoding, keys.version(version).ref(), macs);
    }

    static HmacSha256 mac(MasterKey key) {
        byte[] raw = key.unsafeBytes();
        try {
            return new HmacSha256(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    public KeyRef keyRef() {
        return ref;
    }

    public CsnsEncoding encoding() {
        return encoding;
    }

    /**
     * Bulk path: the CSNS of a canonical body.
     *
     * @param body   canonical body in {@code body[0..13)}
     * @param buffer scratch from {@link CsnsEncoding#newBuffer()}
     * @param out    receives 32 bytes at {@code outOff}
     */
    public void csns(byte[] body, byte[] buffer, byte[] out, int outOff) {
        encoding.encodeBody(body, buffer);
        chain[0].mac(buffer, 0, buffer.length, out, outOff);
        for (int i = 1; i < chain.length; i++) {
            chain[i].mac(out, outOff, LENGTH, out, outOff);
        }
        Arrays.fill(buffer, buffer.length - 13, buffer.length, (byte) 0);
    }

    /** The CSNS of a NIR, as a new 32-byte array. */
    public byte[] csns(Nir nir) {
        byte[] body = nir.canonicalBodyAscii();
        byte[] out = new byte[LENGTH];
        csns(body, encoding.newBuffer(), out, 0);
        Arrays.fill(body, (byte) 0);
        return out;
    }
}
