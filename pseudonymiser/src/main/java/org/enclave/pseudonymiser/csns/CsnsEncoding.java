package org.enclave.pseudonymiser.csns;

import java.nio.charset.StandardCharsets;

/**
 * The byte string that the master key MACs to give a CSNS.
 *
 * <p>IMPORTANT: never change {@link #V1}. Every CSNS in the lake, and every project pseudonym derived from one,
 * depends on these exact bytes; a change would silently unlink all data. A new encoding gets a new version
 * ({@code CSNS-v2}) recorded in the manifest, never an edit of this one. Pinned by a known-answer test.
 *
 * <p>Version 1: the ASCII bytes of {@code "CSNS-v1|"} followed by the 13 ASCII characters of the canonical
 * NIR body (digits, with the Corsican department kept as {@code 2A} or {@code 2B}; no check key, no separators).
 * 21 bytes in all. Example: body {@code 2951099126111} is encoded as the ASCII text {@code CSNS-v1|2951099126111}.
 */
public enum CsnsEncoding {
    V1("CSNS-v1");

    private final String id;
    private final byte[] prefix;

    CsnsEncoding(String id) {
        this.id = id;
        this.prefix = (id + "|").getBytes(StandardCharsets.US_ASCII);
    }

    /** The identifier written to manifests ({@code CSNS-v1}). */
    public String id() {
        return id;
    }

    /** Length of the encoding of a 13-byte body. */
    public int encodedLength() {
        return prefix.length + 13;
    }

    /** Writes the encoding of {@code body[0..13)} into {@code out[0..encodedLength())}. */
    public void encode(byte[] body, byte[] out) {
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, 13);
    }

    /** A scratch buffer of the right size with the prefix already in place (for {@link #encodeBody}). */
    public byte[] newBuffer() {
        byte[] b = new byte[encodedLength()];
        System.arraycopy(prefix, 0, b, 0, prefix.length);
        return b;
    }

    /** Puts {@code body[0..13)} after the prefix of a buffer from {@link #newBuffer()}. */
    public void encodeBody(byte[] body, byte[] buffer) {
        System.arraycopy(body, 0, buffer, prefix.length, 13);
    }

    public static CsnsEncoding fromId(String id) {
        for (CsnsEncoding e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown CSNS encoding");
    }
}
