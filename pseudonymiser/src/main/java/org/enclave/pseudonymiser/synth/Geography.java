package org.enclave.pseudonymiser.synth;

import java.util.SplittableRandom;

/**
 * Where synthetic people live and were born: the départements of France (metropolitan, Corsica as 2A/2B,
 * and the five overseas départements 971-974 and 976) weighted by rough population, INSEE commune codes
 * inside them, and a few countries of birth (INSEE country codes 99xxx, as written in a NIR).
 *
 * <p>The weights and commune counts are approximations chosen to give a realistic spread (large and small
 * départements, concentration in a few communes); they are not official figures. A commune code is the
 * département followed by a number: 3 digits after a 2-character département ({@code 01001}, {@code 2A004}),
 * 2 digits after an overseas one ({@code 97411}); Paris is split into its arrondissements
 * ({@code 75101}-{@code 75120}), as in a NIR.
 */
final class Geography {

    /** Département code, population weight (tens of thousands), number of communes. */
    private record Departement(String code, int weight, int communes) {
        boolean overseas() {
            return code.length() == 3;
        }
    }

    private static final Departement[] DEPARTEMENTS = {
        d("01", 66, 390), d("02", 53, 800), d("03", 33, 317), d("04", 16, 198), d("05", 14, 162),
        d("06", 109, 163), d("07", 33, 335), d("08", 27, 449), d("09", 15, 327), d("10", 31, 431),
        d("11", 37, 433), d("12", 28, 285), d("13", 204, 119), d("14", 70, 528), d("15", 14, 246),
        d("16", 35, 366), d("17", 65, 463), d("18", 30, 287), d("19", 24, 279), d("2A", 16, 124),
        d("2B", 18, 236), d("21", 53, 698), d("22", 60, 348), d("23", 12, 256), d("24", 41, 503),
        d("25", 54, 571), d("26", 52, 363), d("27", 60, 585), d("28", 43, 365), d("29", 92, 277),
        d("30", 75, 351), d("31", 142, 586), d("32", 19, 461), d("33", 162, 535), d("34", 118, 342),
        d("35", 108, 333), d("36", 22, 241), d("37", 61, 272), d("38", 127, 512), d("39", 26, 494),
        d("40", 41, 327), d("41", 33, 267), d("42", 77, 323), d("43", 23, 257), d("44", 143, 207),
        d("45", 68, 325), d("46", 17, 313), d("47", 33, 319), d("48", 8, 152), d("49", 82, 177),
        d("50", 50, 446), d("51", 57, 613), d("52", 17, 426), d("53", 31, 240), d("54", 73, 591),
        d("55", 18, 499), d("56", 76, 249), d("57", 104, 725), d("58", 20, 309), d("59", 261, 648),
        d("60", 83, 679), d("61", 28, 385), d("62", 147, 890), d("63", 66, 464), d("64", 68, 546),
        d("65", 23, 469), d("66", 48, 226), d("67", 114, 514), d("68", 77, 366), d("69", 188, 267),
        d("70", 23, 539), d("71", 55, 565), d("72", 57, 354), d("73", 44, 273), d("74", 83, 279),
        d("75", 214, 20), d("76", 125, 708), d("77", 143, 507), d("78", 145, 259), d("79", 38, 256),
        d("80", 57, 772), d("81", 39, 314), d("82", 26, 195), d("83", 108, 153), d("84", 56, 151),
        d("85", 69, 257), d("86", 44, 266), d("87", 37, 195), d("88", 36, 507), d("89", 33, 423),
        d("90", 14, 101), d("91", 131, 194), d("92", 162, 36), d("93", 166, 40), d("94", 141, 47),
        d("95", 125, 184),
        d("971", 38, 32), d("972", 36, 34), d("973", 29, 22), d("974", 87, 24), d("976", 28, 17),
    };

    /** INSEE country codes (the "99" is the département part of a NIR for people born abroad), with weights. */
    private static final String[] COUNTRIES = {
        "99350", "99352", "99351", "99139", "99127", "99134", "99109", "99131", "99132", "99208", "99341",
    };
    private static final int[] COUNTRY_WEIGHTS = {26, 24, 9, 11, 5, 4, 4, 3, 2, 7, 5};

    private static final int[] CUMULATIVE = new int[DEPARTEMENTS.length];
    private static final int TOTAL;
    private static final int[] COUNTRY_CUMULATIVE = new int[COUNTRIES.length];

    static {
        int sum = 0;
        for (int i = 0; i < DEPARTEMENTS.length; i++) {
            sum += DEPARTEMENTS[i].weight();
            CUMULATIVE[i] = sum;
        }
        TOTAL = sum;
        int c = 0;
        for (int i = 0; i < COUNTRIES.length; i++) {
            c += COUNTRY_WEIGHTS[i];
            COUNTRY_CUMULATIVE[i] = c;
        }
    }

    private Geography() {
    }

    private static Departement d(String code, int weight, int communes) {
        return new Departement(code, weight, communes);
    }

    /** Number of départements known here (an index is in {@code [0, count())}). */
    static int count() {
        return DEPARTEMENTS.length;
    }

    /** A département index drawn by population weight. */
    static int departement(SplittableRandom random) {
        int x = random.nextInt(TOTAL);
        int lo = 0;
        int hi = CUMULATIVE.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (CUMULATIVE[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static String code(int departement) {
        return DEPARTEMENTS[departement].code();
    }

    static boolean overseas(int departement) {
        return DEPARTEMENTS[departement].overseas();
    }

    /**
     * A commune of the département, as its 5-character INSEE code. Low numbers are drawn far more often than
     * high ones (u³), so a few communes hold much of the population, as towns do.
     */
    static String commune(int departement, SplittableRandom random) {
        Departement dep = DEPARTEMENTS[departement];
        double u = random.nextDouble();
        int n = 1 + (int) (dep.communes() * u * u * u);
        if (dep.code().equals("75")) {
            return "751" + two(n);
        }
        return dep.overseas() ? dep.code() + two(n) : dep.code() + three(n);
    }

    /** A country of birth abroad, as the 5-character code a NIR carries ({@code 99} + INSEE country code). */
    static String country(SplittableRandom random) {
        int x = random.nextInt(COUNTRY_CUMULATIVE[COUNTRY_CUMULATIVE.length - 1]);
        for (int i = 0; i < COUNTRY_CUMULATIVE.length; i++) {
            if (x < COUNTRY_CUMULATIVE[i]) {
                return COUNTRIES[i];
            }
        }
        throw new AssertionError("unreachable");
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String three(int n) {
        return n < 10 ? "00" + n : n < 100 ? "0" + n : Integer.toString(n);
    }
}
