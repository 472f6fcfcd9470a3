package org.enclave.pseudonymiser.run;

/** Small byte-level helpers for the column processors (ASCII digits, trimming, UTF-8 validation). */
final class Text {
    private Text() {
    }

    static int trimStart(byte[] b, int off, int end) {
        while (off < end && (b[off] == ' ' || b[off] == '\t')) {
            off++;
        }
        return off;
    }

    static int trimEnd(byte[] b, int off, int end) {
        while (end > off && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        return end;
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Value of {@code n} ASCII digits at {@code off}, or -1 if any is not a digit. */
    static int digits(byte[] b, int off, int n) {
        int v = 0;
        for (int i = off; i < off + n; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF). */
    static boolean isValidUtf8(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + n >= end) {
                return false; // truncated sequence
            }
            int cp = c & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += n + 1;
        }
        return true;
    }
}
