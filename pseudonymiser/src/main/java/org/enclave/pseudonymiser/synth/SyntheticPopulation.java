package org.enclave.pseudonymiser.synth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.enclave.pseudonymiser.synth.NirIssuer.Kind;

/**
 * A synthetic population for demonstrations and tests: the raw, identified extracts a data producer would
 * hand to the steward, which {@code pseudonymiser run} then ingests.
 *
 * <ul>
 *   <li>{@code people.csv}: {@code nir,last_name,first_name,birth_date,sex,birth_commune,commune}, one row
 *       per person. The NIR agrees with sex, year and month of birth and place of birth
 *       ({@code birth_commune}, or {@code 99} + country for people born abroad; for people born in Corsica
 *       before 1976 the NIR says {@code 20}, as real ones do, while the commune code says 2A/2B);
 *       {@code commune} is where the person lives.</li>
 *   <li>{@code stays.csv}: {@code nir,stay_id,admission_date,discharge_date,diagnosis,hospital_departement,cost},
 *       a Poisson number of hospital stays per person (mean {@link Options#staysPerPerson}) between
 *       2019-01-01 and 2024-12-31, never before birth.</li>
 *   <li>{@code people.schema.yaml}, {@code stays.schema.yaml}: the column-role schemas that
 *       {@code pseudonymiser run} accepts for them as they are ({@link Schemas}).</li>
 * </ul>
 *
 * <p>A share of people ({@link Options#invalidShare}) gets an invalid NIR, half a wrong check key, half a
 * wrong format; their stays carry the same invalid number, as real extracts do. About one person in ten
 * born abroad has a temporary number (sex digit 7 or 8). Valid NIRs are unique.
 *
 * <p>Streaming: each person's row and stays are written before the next person is drawn, so memory does
 * not depend on the population size (the NIR filter is at most 16 MiB). Deterministic: the same options and
 * seed give byte-identical files. Files are written under temporary names and renamed when complete.
 */
public final class SyntheticPopulation {

    /** The day ages are counted at, and the last day of the stays period. */
    static final LocalDate REFERENCE = LocalDate.of(2024, 12, 31);
    static final LocalDate STAYS_FROM = LocalDate.of(2019, 1, 1);
    static final String PEOPLE_HEADER = "nir,last_name,first_name,birth_date,sex,birth_commune,commune";
    static final String STAYS_HEADER = "nir,stay_id,admission_date,discharge_date,diagnosis,hospital_departement,cost";
    private static final LocalDate CORSICA_SPLIT = LocalDate.of(1976, 1, 1);

    /**
     * @param people number of people, at least 1
     * @param staysPerPerson mean number of stays per person, 0 to 50
     * @param seed the same seed gives the same files
     * @param invalidShare share of people with an invalid NIR, 0 to 1
     */
    public record Options(long people, double staysPerPerson, long seed, double invalidShare) {
        public Options {
            if (people < 1) {
                throw new IllegalArgumentException("--people must be at least 1");
            }
            if (!(staysPerPerson >= 0 && staysPerPerson <= 50)) {
                throw new IllegalArgumentException("--stays-per-person must be between 0 and 50");
            }
            if (!(invalidShare >= 0 && invalidShare <= 1)) {
                throw new IllegalArgumentException("--invalid-share must be between 0 and 1");
            }
        }
    }

    /** What was written. */
    public record Result(long people, long stays, long invalidNirs, long temporaryNirs, long bornAbroad, Duration elapsed) {
    }

    private final Options options;
    private final SplittableRandom random;
    private final NirIssuer nirs;
    private final StringBuilder line = new StringBuilder(160);
    private final double exponentOfMean;
    private long stayCounter;
    private long invalid;
    private long temporary;
    private long abroad;

    private SyntheticPopulation(Options options) {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.nirs = new NirIssuer(options.people());
        this.exponentOfMean = Math.exp(-options.staysPerPerson());
    }

    /**
     * Writes the two extracts and their schemas into {@code dir} (created if needed).
     *
     * @param replace whether existing files of a previous generation may be overwritten
     * @throws IllegalStateException if {@code people.csv} or {@code stays.csv} exists and {@code replace} is false
     */
    public static Result write(Path dir, Options options, boolean replace) throws IOException {
        Files.createDirectories(dir);
        for (String name : new String[] {"people.csv", "stays.csv", Schemas.PEOPLE_FILE, Schemas.STAYS_FILE}) {
            if (!replace && Files.exists(dir.resolve(name))) {
                throw new IllegalStateException(dir.resolve(name) + " already exists (use --replace to overwrite it)");
            }
        }
        long started = System.nanoTime();
        SyntheticPopulation population = new SyntheticPopulation(options);
        Path peopleTmp = dir.resolve("people.csv.partial");
        Path staysTmp = dir.resolve("stays.csv.partial");
        try (Writer people = writer(peopleTmp); Writer stays = writer(staysTmp)) {
            people.write(PEOPLE_HEADER + "\n");
            stays.write(STAYS_HEADER + "\n");
            for (long i = 0; i < options.people(); i++) {
                population.person(people, stays);
            }
        }
        Files.writeString(dir.resolve(Schemas.PEOPLE_FILE), Schemas.PEOPLE, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(Schemas.STAYS_FILE), Schemas.STAYS, StandardCharsets.UTF_8);
        Files.move(peopleTmp, dir.resolve("people.csv"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(staysTmp, dir.resolve("stays.csv"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Result(options.people(), population.stayCounter, population.invalid, population.temporary,
                population.abroad, Duration.ofNanos(System.nanoTime() - started));
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20);
    }

    private void person(Writer people, Writer stays) throws IOException {
        SplittableRandom r = random;
        boolean female = r.nextInt(1000) < 516;
        // About 78% under 65, then a tail to 104.
        int age = r.nextInt(100) < 78 ? r.nextInt(65) : Math.min(104, 65 + (int) (-10 * Math.log(1 - r.nextDouble())));
        long birthDay = REFERENCE.toEpochDay() - Math.round(age * 365.2425) - r.nextInt(365);
        LocalDate birth = LocalDate.ofEpochDay(birthDay);

        int home = Geography.departement(r);
        String commune = Geography.commune(home, r);
        int where = r.nextInt(1000);
        String birthCommune;
        boolean bornAbroad = where < 70;
        if (bornAbroad) {
            birthCommune = Geography.country(r);
            abroad++;
        } else if (where < 200) {
            birthCommune = Geography.commune(Geography.departement(r), r);
        } else {
            birthCommune = Geography.commune(home, r);
        }
        String nirPlace = birthCommune.startsWith("2A") || birthCommune.startsWith("2B")
                ? (birth.isBefore(CORSICA_SPLIT) ? "20" + birthCommune.substring(2) : birthCommune)
                : birthCommune;

        Kind kind;
        if (r.nextDouble() < options.invalidShare()) {
            kind = r.nextBoolean() ? Kind.BAD_KEY : Kind.BAD_FORMAT;
            invalid++;
        } else if (bornAbroad && r.nextInt(10) == 0) {
            kind = Kind.TEMPORARY;
            temporary++;
        } else {
            kind = Kind.ORDINARY;
        }
        String nir = nirs.issue(kind, female, birth.getYear(), birth.getMonthValue(), nirPlace, r);

        StringBuilder b = line;
        b.setLength(0);
        b.append(nir).append(',').append(Names.family(r)).append(',').append(Names.given(female, r)).append(',');
        date(b, birth).append(',').append(female ? '2' : '1').append(',').append(birthCommune).append(',').append(commune)
                .append('\n');
        people.append(b);

        int count = poisson(r);
        long first = Math.max(birthDay, STAYS_FROM.toEpochDay());
        long span = REFERENCE.toEpochDay() - first + 1;
        for (int s = 0; s < count; s++) {
            long admission = first + r.nextLong(span);
            int ageThen = (int) ((admission - birthDay) / 365.2425);
            int diagnosis = Diagnoses.pick(female, ageThen, r);
            int los = r.nextInt(10) < 3 ? 0 : Math.min(90, 1 + (int) (-4 * Math.log(1 - r.nextDouble())));
            long cents = Math.round(Diagnoses.baseCost(diagnosis) * Math.exp(0.35 * r.nextGaussian()) * 100) + los * 18_000L;
            int hospital = r.nextInt(100) < (Geography.overseas(home) ? 95 : 88) ? home : Geography.departement(r);
            stayCounter++;

            b.setLength(0);
            b.append(nir).append(',').append('S');
            pad(b, stayCounter, 10).append(',');
            date(b, LocalDate.ofEpochDay(admission)).append(',');
            date(b, LocalDate.ofEpochDay(admission + los)).append(',');
            b.append(Diagnoses.code(diagnosis)).append(',').append(Geography.code(hospital)).append(',')
                    .append(cents / 100).append('.');
            pad(b, cents % 100, 2).append('\n');
            stays.append(b);
        }
    }

    /** Knuth's method: fine for the small means used here (at most 50). */
    private int poisson(SplittableRandom r) {
        int k = 0;
        double p = r.nextDouble();
        while (p > exponentOfMean) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    private static StringBuilder date(StringBuilder b, LocalDate d) {
        pad(b, d.getYear(), 4).append('-');
        pad(b, d.getMonthValue(), 2).append('-');
        return pad(b, d.getDayOfMonth(), 2);
    }

    private static StringBuilder pad(StringBuilder b, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
