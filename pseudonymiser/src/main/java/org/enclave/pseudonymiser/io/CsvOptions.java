package org.enclave.pseudonymiser.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * CSV dialect: RFC 4180 with a configurable delimiter and encoding. The quote is {@code "}.
 *
 * @param delimiter one ASCII character other than quote, CR and LF
 * @param charset   an ASCII-compatible encoding (checked by {@link #of})
 */
public record CsvOptions(byte delimiter, byte quote, Charset charset) {

    /**
     * @throws IllegalArgumentException for a delimiter that is not one ASCII character, or an encoding that does not
     *     write ASCII as single bytes (UTF-16, UTF-32, EBCDIC...)
     */
    public static CsvOptions of(String delimiter, String encoding) {
        String d = switch (delimiter) {
            case "\\t", "tab", "TAB" -> "\t";
            default -> delimiter;
        };
        if (d.length() != 1 || d.charAt(0) > 126 || d.charAt(0) == '"' || d.charAt(0) == '\r'
                || d.charAt(0) == '\n') {
            throw new IllegalArgumentException("delimiter must be one ASCII character other than a quote or newline");
        }
        Charset cs;
        try {
            cs = Charset.forName(encoding);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown encoding '" + encoding + "'");
        }
        byte[] ascii = new byte[95];
        for (int i = 0; i < ascii.length; i++) {
            ascii[i] = (byte) (32 + i);
        }
        String s = new String(ascii, StandardCharsets.US_ASCII) + "\r\n\t";
        if (!cs.canEncode() || !Arrays.equals(s.getBytes(cs), s.getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("encoding " + cs.name() + " is not ASCII-compatible;"
                + " use UTF-8, ISO-8859-1, windows-1252 or similar (convert UTF-16 files first)");
        }
        return new CsvOptions((byte) d.charAt(0), (byte) '"', cs);
    }
}
