package org.enclave.pseudonymiser.testing;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.enclave.pseudonymiser.nir.NirParser;

/** Generates syntactically valid NIRs (valid layout and check key) for fixtures. Deterministic per seed. */
public final class NirFixtures {
    private final SplittableRandom random;

    public NirFixtures(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A valid 15-character NIR; {@code temporary} picks a first digit of 3, 4, 7 or 8. */
    public String next(boolean temporary) {
        return withKey(body(temporary));
    }

    public String body(boolean temporary) {
        char sex = temporary ? "3478".charAt(random.nextInt(4)) : (char) ('1' + random.nextInt(2));
        int year = random.nextInt(100);
        int month = 1 + random.nextInt(12);
        String dept;
        int d = random.nextInt(100);
        if (d < 2) {
            dept = d == 0 ? "2A" : "2B";
        } else if (d < 4) {
            dept = "99";
        } else {
            dept = String.format("%02d", 1 + random.nextInt(95));
            if (dept.equals("20")) {
                dept = "21";
            }
        }
        return String.format("%c%02d%02d%s%03d%03d", sex, year, month, dept, 1 + random.nextInt(990),
            1 + random.nextInt(999));
    }

    public static String withKey(String body) {
        return body + String.format("%02d", NirParser.checkKey(body.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The same NIR with a wrong check key. */
    public static String withWrongKey(String body) {
        int k = NirParser.checkKey(body.getBytes(StandardCharsets.US_ASCII));
        return body + String.format("%02d", k == 97 ? 1 : k + 1);
    }
}
