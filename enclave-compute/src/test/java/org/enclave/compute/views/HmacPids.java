package org.enclave.compute.views;

import java.security.GeneralSecurityException;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test stand-in for the pseudonymiser's project pseudonym: HMAC-SHA-256(project key, csns bytes)
 * with the JDK's Mac. The Mac is transient and built lazily, so once per deserialised copy of the
 * function, i.e. once per Spark task (partition).
 */
public final class HmacPids {

    private HmacPids() {
    }

    public static Function<ProjectKeyInput, PidFunction> factory() {
        return key -> new Hmac(key.exposeKeyBytes());
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Hmac implements PidFunction {
        private static final long serialVersionUID = 1L;
        private final byte[] key;
        private transient Mac mac;

        Hmac(byte[] key) {
            this.key = key;
        }

        @Override
        public byte[] pid(byte[] csns) {
            if (csns == null) {
                return null;
            }
            try {
                if (mac == null) {
                    mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(key, "HmacSHA256"));
                }
                return mac.doFinal(csns);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "Hmac[redacted]";
        }
    }
}
