package org.enclave.pseudonymiser.nir;

/**
 * Allocation-free NIR validation for the bulk path: bytes in, canonical 13-byte body out, an int status back.
 *
 * <p>A NIR is 13 characters of body (sex, year, month, department, commune, order) and a 2-digit check key
 * equal to {@code 97 - (body mod 97)}, where for the check only the Corsican departments 2A and 2B read as 19
 * and 18. Spaces, dots and dashes are tolerated anywhere and dropped; {@code 2a}/{@code 2b} are upper-cased.
 * The canonical body keeps 2A/2B as letters: it is what the CSNS encoding hashes.
 *
 * <p>Layout rules (published INSEE layout, applied leniently so that real registers pass):
 * <ul>
 *   <li>sex digit 1 or 2; 3, 4, 7 and 8 are temporary or fictitious numbers: accepted with {@link #TEMPORARY};</li>
 *   <li>month 01-12; 20, 30-42 and 50-99 are used when the civil-status record is incomplete: accepted with
 *       {@link #FICTITIOUS_MONTH};</li>
 *   <li>department two digits other than 00, or 2A/2B (letters are allowed only there);</li>
 *   <li>check key: two digits equal to the computed key (01-97).</li>
 * </ul>
 *
 * <p>Nothing here formats or reports the digits: results are codes only.
 */
public final class NirParser {

    /** Status bit: temporary or fictitious number (first digit 3, 4, 7 or 8). */
    public static final int TEMPORARY = 1;
    /** Status bit: month outside 01-12 (incomplete civil-status record). */
    public static final int FICTITIOUS_MONTH = 2;

    /** Error: the value is empty (after removing separators). */
    public static final int ERR_MISSING = -1;
    /** Error: wrong length, characters or layout. */
    public static final int ERR_FORMAT = -2;
    /** Error: the layout is right but the check key does not match. */
    public static final int ERR_CHECK_KEY = -3;

    /** Length of the canonical body. */
    public static final int BODY_LENGTH = 13;
    private static final int NIR_LENGTH = 15;
    /** Minimum size of the scratch buffer given to {@link #parse(byte[], int, int, byte[])}. */
    public static final int SCRATCH_LENGTH = NIR_LENGTH;

    private NirParser() {
    }

    /**
     * Validates {@code src[off, off+len)} (ASCII; any non-ASCII byte is a format error) and on success leaves the
     * canonical 13-byte body in {@code buf[0..13)}. {@code buf} is caller-owned scratch of at least
     * {@link #SCRATCH_LENGTH} bytes, so the bulk path allocates nothing.
     *
     * @return a non-negative set of flag bits ({@link #TEMPORARY}, {@link #FICTITIOUS_MONTH}) on success, or one of
     *     the negative {@code ERR_*} codes; {@code body} content is unspecified on error
     */
    public static int parse(byte[] src, int off, int len, byte[] buf) {
        byte[] c = buf;
        int n = 0;
        boolean sawAny = false;
        for (int i = off, end = off + len; i < end; i++) {
            byte b = src[i];
            if (b == ' ' || b == '.' || b == '-' || b == '\t') {
                continue;
            }
            sawAny = true;
            if (n == NIR_LENGTH) {
                return ERR_FORMAT;
            }
            c[n++] = b;
        }
        if (!sawAny) {
            return ERR_MISSING;
        }
        if (n != NIR_LENGTH) {
            return ERR_FORMAT;
        }
        return check(c);
    }

    /** As {@link #parse(byte[], int, int, byte[])} for a character sequence (used by {@link Nir#parse}). */
    static int parse(CharSequence s, byte[] buf) {
        byte[] c = buf;
        int n = 0;
        boolean sawAny = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == ' ' || ch == '.' || ch == '-' || ch == '\t') {
                continue;
            }
            sawAny = true;
            if (n == NIR_LENGTH || ch > 127) {
                return ERR_FORMAT;
            }
            c[n++] = (byte) ch;
        }
        if (!sawAny) {
            return ERR_MISSING;
        }
        return n == NIR_LENGTH ? check(c) : ERR_FORMAT;
    }

    private static int check(byte[] c) {
        int flags = 0;
        // Corsica: only positions 6-7 (0-based 5-6) may hold 2A/2B.
        if (c[6] == 'a') {
            c[6] = 'A';
        } else if (c[6] == 'b') {
            c[6] = 'B';
        }
        boolean corsica = c[5] == '2' && (c[6] == 'A' || c[6] == 'B');
        for (int i = 0; i < NIR_LENGTH; i++) {
            if ((i == 6 && corsica)) {
                continue;
            }
            if (c[i] < '0' || c[i] > '9') {
                return ERR_FORMAT;
            }
        }
        switch (c[0]) {
            case '1', '2' -> { }
            case '3', '4', '7', '8' -> flags |= TEMPORARY;
            default -> {
                return ERR_FORMAT;
            }
        }
        int month = (c[3] - '0') * 10 + (c[4] - '0');
        if (month >= 1 && month <= 12) {
            // calendar month
        } else if (month == 20 || (month >= 30 && month <= 42) || month >= 50) {
            flags |= FICTITIOUS_MONTH;
        } else {
            return ERR_FORMAT;
        }
        if (!corsica && c[5] == '0' && c[6] == '0') {
            return ERR_FORMAT;
        }
        long value = 0;
        for (int i = 0; i < BODY_LENGTH; i++) {
            int d;
            if (i == 5 && corsica) {
                d = 1;
            } else if (i == 6 && corsica) {
                d = c[6] == 'A' ? 9 : 8;
            } else {
                d = c[i] - '0';
            }
            value = value * 10 + d;
        }
        int key = (c[13] - '0') * 10 + (c[14] - '0');
        // Any two digits are a check key that can be wrong (00 and 98-99 never match): CHECK_KEY, not FORMAT.
        if (key != 97 - (int) (value % 97)) {
            return ERR_CHECK_KEY;
        }
        return flags;
    }

    /** The check key of a 13-character canonical body (2A/2B allowed), for fixtures and generators. */
    public static int checkKey(byte[] body) {
        long value = 0;
        boolean corsica = body[5] == '2' && (body[6] == 'A' || body[6] == 'B');
        for (int i = 0; i < BODY_LENGTH; i++) {
            int d;
            if (i == 5 && corsica) {
                d = 1;
            } else if (i == 6 && corsica) {
                d = body[6] == 'A' ? 9 : 8;
            } else {
                d = body[i] - '0';
            }
            value = value * 10 + d;
        }
        return 97 - (int) (value % 97);
    }
}
