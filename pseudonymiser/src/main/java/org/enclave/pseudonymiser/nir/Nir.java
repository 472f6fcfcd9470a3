package org.enclave.pseudonymiser.nir;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A validated French NIR (numéro d'inscription au répertoire), held as its canonical 13-character body.
 *
 * <p>IMPORTANT: a NIR is a direct identifier. {@link #toString()} is redacted, exception messages never carry
 * the digits, and the body is reachable only through {@link #canonicalBodyAscii()}, whose callers hash it.
 * Temporary and fictitious numbers are valid NIRs with a {@link NirQuality} flag, not errors.
 */
public final class Nir {
    private final byte[] body;
    private final int flags;

    private Nir(byte[] body, int flags) {
        this.body = body;
        this.flags = flags;
    }

    /**
     * Parses and validates a NIR: 15 characters (13 body + 2 check key), spaces, dots, dashes ignored.
     *
     * @param value the text; never null
     * @throws InvalidNirException if missing, malformed or if the check key does not match
     */
    public static Nir parse(CharSequence value) {
        byte[] buf = new byte[NirParser.SCRATCH_LENGTH];
        int r = NirParser.parse(value, buf);
        if (r < 0) {
            Arrays.fill(buf, (byte) 0);
            throw new InvalidNirException(NirError.fromCode(r));
        }
        byte[] body = Arrays.copyOf(buf, NirParser.BODY_LENGTH);
        Arrays.fill(buf, (byte) 0);
        return new Nir(body, r);
    }

    /** The canonical body (13 ASCII bytes, 2A/2B kept as letters), a fresh copy. Callers hash it. */
    public byte[] canonicalBodyAscii() {
        return body.clone();
    }

    /** Whether the first digit marks a temporary or fictitious number (3, 4, 7 or 8). */
    public boolean isTemporary() {
        return (flags & NirParser.TEMPORARY) != 0;
    }

    /** Quality flags of this number (empty for an ordinary NIR). */
    public java.util.Set<NirQuality> quality() {
        return NirQuality.fromFlags(flags);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Nir other && MessageDigest.isEqual(body, other.body);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(body);
    }

    /** Redacted: a NIR never appears in a log line or message. */
    @Override
    public String toString() {
        return "Nir[redacted]";
    }
}
