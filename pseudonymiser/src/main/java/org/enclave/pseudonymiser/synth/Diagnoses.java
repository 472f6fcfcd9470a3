package org.enclave.pseudonymiser.synth;

import java.util.SplittableRandom;

/**
 * Main diagnoses of hospital stays, as ICD-10 codes written the way French hospital discharge data writes
 * them (no dot: {@code I214}), from a few chapters: circulatory (I), respiratory (J), digestive (K),
 * injuries (S), neoplasms (C), mental (F), pregnancy (O), endocrine (E), genitourinary (N), symptoms (R).
 * Each code has a relative frequency, who it can apply to (sex, ages) and a typical cost per stay.
 */
final class Diagnoses {

    /** sex: 0 any, 1 male only, 2 female only. */
    private record Diagnosis(String code, int weight, int sex, int minAge, int maxAge, int baseCost) {
    }

    private static final Diagnosis[] ALL = {
        new Diagnosis("I214", 6, 0, 30, 120, 5200),
        new Diagnosis("I500", 7, 0, 40, 120, 4300),
        new Diagnosis("I480", 5, 0, 30, 120, 2900),
        new Diagnosis("I10", 3, 0, 18, 120, 1800),
        new Diagnosis("J189", 8, 0, 0, 120, 3600),
        new Diagnosis("J441", 4, 0, 40, 120, 4100),
        new Diagnosis("J45", 3, 0, 2, 120, 1700),
        new Diagnosis("K359", 5, 0, 3, 90, 3100),
        new Diagnosis("K802", 6, 0, 18, 120, 2700),
        new Diagnosis("S720", 5, 0, 50, 120, 8200),
        new Diagnosis("S525", 4, 0, 0, 120, 2300),
        new Diagnosis("C341", 3, 0, 35, 120, 7400),
        new Diagnosis("C509", 3, 2, 25, 120, 5600),
        new Diagnosis("C61", 2, 1, 45, 120, 5900),
        new Diagnosis("C189", 2, 0, 35, 120, 7900),
        new Diagnosis("F329", 4, 0, 12, 120, 6300),
        new Diagnosis("F102", 3, 0, 16, 120, 3900),
        new Diagnosis("O800", 9, 2, 15, 49, 2600),
        new Diagnosis("E119", 4, 0, 20, 120, 3000),
        new Diagnosis("N390", 5, 0, 0, 120, 2100),
        new Diagnosis("R074", 6, 0, 15, 120, 1200),
    };

    private Diagnoses() {
    }

    /** A diagnosis that can apply to this person, drawn by frequency (there is always one: J189 applies to all). */
    static int pick(boolean female, int age, SplittableRandom random) {
        int total = 0;
        for (Diagnosis d : ALL) {
            if (applies(d, female, age)) {
                total += d.weight();
            }
        }
        int x = random.nextInt(total);
        for (int i = 0; i < ALL.length; i++) {
            Diagnosis d = ALL[i];
            if (applies(d, female, age)) {
                x -= d.weight();
                if (x < 0) {
                    return i;
                }
            }
        }
        throw new AssertionError("unreachable");
    }

    static String code(int diagnosis) {
        return ALL[diagnosis].code();
    }

    static int baseCost(int diagnosis) {
        return ALL[diagnosis].baseCost();
    }

    private static boolean applies(Diagnosis d, boolean female, int age) {
        return age >= d.minAge() && age <= d.maxAge() && (d.sex() == 0 || d.sex() == (female ? 2 : 1));
    }
}
