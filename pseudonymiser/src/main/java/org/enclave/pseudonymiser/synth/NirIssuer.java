package org.enclave.pseudonymiser.synth;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.enclave.pseudonymiser.nir.NirParser;

/**
 * Makes the NIRs of a synthetic population: sex, year and month of birth, place of birth (the 5-character
 * commune or country code) and a random order number, then the check key. Numbers it calls valid are unique
 * within the population: a Bloom filter of bounded size remembers every body issued, and a body it may have
 * seen gets another order number (a false positive only costs a retry; memory does not grow with the
 * population beyond the filter's size).
 *
 * <p>IMPORTANT: these numbers are synthetic. They have the layout and check key of real NIRs and may by
 * chance coincide with one, which is why synthetic extracts must be treated as personal data would be:
 * never published, never mixed with real extracts.
 */
final class NirIssuer {

    /** What a generated NIR is meant to be. */
    enum Kind {
        /** sex digit 1 or 2, right check key */
        ORDINARY,
        /** sex digit 7 or 8 (a number awaiting registration, mostly people born abroad), right check key */
        TEMPORARY,
        /** right layout, wrong check key: the pseudonymiser quarantines it as nir-check-key */
        BAD_KEY,
        /** wrong length or a letter where a digit belongs: quarantined as nir-format */
        BAD_FORMAT
    }

    private static final int MAX_ATTEMPTS = 200;
    private final long[] bits;
    private final int mask;
    private final byte[] body = new byte[NirParser.BODY_LENGTH];

    /** @param expected the number of NIRs to be issued, to size the filter (between 8 KiB and 16 MiB) */
    NirIssuer(long expected) {
        long wanted = Long.highestOneBit(Math.max(1, expected) * 32 - 1) << 1;
        int size = (int) Math.max(1L << 16, Math.min(1L << 27, wanted));
        bits = new long[size >>> 6];
        mask = size - 1;
    }

    /**
     * @param place 5 characters: the commune of birth ({@code 75112}, {@code 2A004}, {@code 97411}), or
     *     {@code 99} and the country of birth ({@code 99350})
     */
    String issue(Kind kind, boolean female, int year, int month, String place, SplittableRandom random) {
        char sex = switch (kind) {
            case TEMPORARY -> female ? '8' : '7';
            default -> female ? '2' : '1';
        };
        body[0] = (byte) sex;
        body[1] = (byte) ('0' + (year / 10) % 10);
        body[2] = (byte) ('0' + year % 10);
        body[3] = (byte) ('0' + month / 10);
        body[4] = (byte) ('0' + month % 10);
        for (int i = 0; i < 5; i++) {
            body[5 + i] = (byte) place.charAt(i);
        }
        for (int attempt = 0; ; attempt++) {
            int order = 1 + random.nextInt(999);
            body[10] = (byte) ('0' + order / 100);
            body[11] = (byte) ('0' + (order / 10) % 10);
            body[12] = (byte) ('0' + order % 10);
            if (kind == Kind.BAD_FORMAT || addIfAbsent() || attempt == MAX_ATTEMPTS) {
                break;
            }
        }
        int key = NirParser.checkKey(body);
        String text = new String(body, StandardCharsets.US_ASCII);
        return switch (kind) {
            case ORDINARY, TEMPORARY -> text + two(key);
            case BAD_KEY -> text + two(key % 97 + 1);
            case BAD_FORMAT -> random.nextBoolean()
                    ? text + (key % 10)                                     // 14 characters
                    : text.substring(0, 10) + "O" + text.substring(11) + two(key);  // letter O for a zero
        };
    }

    /** Adds the current body to the filter; false if it may already be there. */
    private boolean addIfAbsent() {
        long h = 0;
        for (byte b : body) {
            h = h * 31 + b;
        }
        long h1 = mix(h);
        long h2 = mix(h1) | 1;
        boolean present = true;
        for (int i = 0; i < 3; i++) {
            int bit = (int) ((h1 + i * h2) & mask);
            long word = bits[bit >>> 6];
            long m = 1L << (bit & 63);
            if ((word & m) == 0) {
                present = false;
                bits[bit >>> 6] = word | m;
            }
        }
        return !present;
    }

    /** SplitMix64's finaliser: spreads every input bit over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
