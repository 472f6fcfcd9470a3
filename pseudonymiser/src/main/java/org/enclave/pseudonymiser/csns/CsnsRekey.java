package org.enclave.pseudonymiser.csns;

import java.util.ArrayList;
import java.util.List;
import org.enclave.pseudonymiser.key.KeyRef;
import org.enclave.pseudonymiser.key.MasterKeyChain;

/**
 * Moves CSNS values from one key version to a later one without the NIRs:
 * {@code csns_to = HMAC(K_to, ... HMAC(K_(from+1), csns_from))}. Thread-safe.
 */
public final class CsnsRekey {
    private final KeyRef from;
    private final KeyRef to;
    private final List<HmacSha256> steps;

    private CsnsRekey(KeyRef from, KeyRef to, List<HmacSha256> steps) {
        this.from = from;
        this.to = to;
        this.steps = steps;
    }

    /**
     * @throws IllegalArgumentException unless {@code 1 <= fromVersion < toVersion <= latest}
     */
    public static CsnsRekey between(MasterKeyChain keys, int fromVersion, int toVersion) {
        if (fromVersion < 1 || toVersion <= fromVersion) {
            throw new IllegalArgumentException("re-keying goes from a version to a later one");
        }
        List<HmacSha256> steps = new ArrayList<>();
        for (int v = fromVersion + 1; v <= toVersion; v++) {
            steps.add(CsnsFunction.mac(keys.version(v)));
        }
        return new CsnsRekey(keys.version(fromVersion).ref(), keys.version(toVersion).ref(), List.copyOf(steps));
    }

    public KeyRef from() {
        return from;
    }

    public KeyRef to() {
        return to;
    }

    /** Re-keys {@code csns[off, off+32)} in place. */
    public void apply(byte[] csns, int off) {
        for (HmacSha256 step : steps) {
            step.mac(csns, off, CsnsFunction.LENGTH, csns, off);
        }
    }
}
