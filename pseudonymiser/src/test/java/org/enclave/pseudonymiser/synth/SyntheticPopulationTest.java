package org.enclave.pseudonymiser.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enclave.pseudonymiser.nir.InvalidNirException;
import org.enclave.pseudonymiser.nir.Nir;
import org.enclave.pseudonymiser.nir.NirError;
import org.enclave.pseudonymiser.schema.ColumnSpec;
import org.enclave.pseudonymiser.schema.DatasetSchema;
import org.enclave.pseudonymiser.schema.SchemaLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic population: valid and consistent NIRs, counts, determinism, schemas the loader accepts. */
class SyntheticPopulationTest {

    static final int PEOPLE = 20_000;

    @TempDir
    static Path shared;
    static Path dir;
    static SyntheticPopulation.Result result;

    @TempDir
    Path other;

    @BeforeAll
    static void generate() throws IOException {
        dir = shared.resolve("population");
        result = SyntheticPopulation.write(dir, new SyntheticPopulation.Options(PEOPLE, 2.5, 7, 0.01), false);
    }

    record Person(String nir, String birthDate, String sex, String birthCommune, String commune) {
    }

    static List<String[]> rows(Path file, String header) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            assertThat(r.readLine()).isEqualTo(header);
            return r.lines().map(l -> l.split(",", -1)).toList();
        }
    }

    @Test
    void everyPersonHasAValidNirConsistentWithSexBirthAndPlaceOfBirthExceptTheInvalidShare() throws IOException {
        List<String[]> people = rows(dir.resolve("people.csv"), SyntheticPopulation.PEOPLE_HEADER);
        assertThat(people).hasSize(PEOPLE).allSatisfy(p -> assertThat(p).hasSize(7));
        int checkKey = 0;
        int format = 0;
        int temporary = 0;
        int corsicaBefore1976 = 0;
        Set<Nir> seen = new HashSet<>();
        for (String[] p : people) {
            String nir = p[0];
            Nir parsed;
            try {
                parsed = Nir.parse(nir);
            } catch (InvalidNirException e) {
                if (e.error() == NirError.CHECK_KEY) {
                    checkKey++;
                } else {
                    assertThat(e.error()).isEqualTo(NirError.FORMAT);
                    format++;
                }
                continue;
            }
            assertThat(seen.add(parsed)).as("valid NIRs are unique").isTrue();
            LocalDate birth = LocalDate.parse(p[3]);
            char sexDigit = nir.charAt(0);
            if (parsed.isTemporary()) {
                temporary++;
                assertThat(sexDigit).isEqualTo(p[4].equals("1") ? '7' : '8');
                assertThat(p[5]).as("temporary numbers go to people born abroad").startsWith("99");
            } else {
                assertThat(String.valueOf(sexDigit)).isEqualTo(p[4]);
            }
            assertThat(nir.substring(1, 3)).isEqualTo(String.format("%02d", birth.getYear() % 100));
            assertThat(nir.substring(3, 5)).isEqualTo(String.format("%02d", birth.getMonthValue()));
            String place = nir.substring(5, 10);
            if (p[5].startsWith("2A") || p[5].startsWith("2B")) {
                if (birth.getYear() < 1976) {
                    corsicaBefore1976++;
                    assertThat(place).isEqualTo("20" + p[5].substring(2));
                } else {
                    assertThat(place).isEqualTo(p[5]);
                }
            } else {
                assertThat(place).isEqualTo(p[5]);
            }
            assertThat(parsed.quality()).as("no fictitious months are generated").allMatch(q -> q.name().contains("TEMPORARY"));
        }
        assertThat(checkKey + format).isEqualTo(result.invalidNirs());
        assertThat(checkKey).isPositive();
        assertThat(format).isPositive();
        assertThat(result.invalidNirs()).isBetween(120L, 280L);           // 1% of 20,000
        assertThat(temporary).isEqualTo(result.temporaryNirs()).isPositive();
        assertThat(result.bornAbroad()).isBetween(1_100L, 1_700L);         // 7%
        assertThat(corsicaBefore1976).isPositive();
    }

    @Test
    void communesAreInseeCodesOfRealisticDepartementsIncludingCorsicaAndOverseas() throws IOException {
        Map<String, Integer> departements = new HashMap<>();
        for (String[] p : rows(dir.resolve("people.csv"), SyntheticPopulation.PEOPLE_HEADER)) {
            String commune = p[6];
            assertThat(commune).matches("(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B)[0-9]{3}|97[1-46][0-9]{2}");
            assertThat(commune).doesNotStartWith("20").isNotEqualTo("75000");
            departements.merge(commune.startsWith("97") ? commune.substring(0, 3) : commune.substring(0, 2), 1, Integer::sum);
            assertThat(p[5]).matches("(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B)[0-9]{3}|97[1-46][0-9]{2}|99[0-9]{3}");
        }
        assertThat(departements).containsKeys("2A", "2B", "971", "972", "973", "974", "976", "75", "59", "13");
        assertThat(departements.get("59")).as("Nord is far larger than Lozère").isGreaterThan(10 * departements.getOrDefault("48", 0));
    }

    @Test
    void staysBelongToPeopleFallInThePeriodAfterBirthAndAverageTheRequestedMean() throws IOException {
        Map<String, LocalDate> births = new HashMap<>();
        for (String[] p : rows(dir.resolve("people.csv"), SyntheticPopulation.PEOPLE_HEADER)) {
            births.put(p[0], LocalDate.parse(p[3]));
        }
        List<String[]> stays = rows(dir.resolve("stays.csv"), SyntheticPopulation.STAYS_HEADER);
        assertThat((long) stays.size()).isEqualTo(result.stays());
        assertThat(stays.size() / (double) PEOPLE).isBetween(2.4, 2.6);
        Set<String> ids = new HashSet<>();
        for (String[] s : stays) {
            assertThat(s).hasSize(7);
            assertThat(births).containsKey(s[0]);
            assertThat(ids.add(s[1])).isTrue();
            LocalDate admission = LocalDate.parse(s[2]);
            LocalDate discharge = LocalDate.parse(s[3]);
            assertThat(admission).isBetween(SyntheticPopulation.STAYS_FROM, SyntheticPopulation.REFERENCE)
                    .isAfterOrEqualTo(births.get(s[0]));
            assertThat(discharge).isAfterOrEqualTo(admission);
            assertThat(s[4]).matches("[CEFIJKNORS][0-9]{2}[0-9]?");
            assertThat(s[5]).matches("(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B)|97[1-46]");
            assertThat(s[6]).matches("[0-9]+\\.[0-9]{2}");
        }
    }

    @Test
    void theSameSeedGivesTheSameFilesAndAnotherSeedOthers() throws Exception {
        var options = new SyntheticPopulation.Options(3_000, 1.5, 11, 0.001);
        SyntheticPopulation.write(other.resolve("a"), options, false);
        SyntheticPopulation.write(other.resolve("b"), options, false);
        SyntheticPopulation.write(other.resolve("c"), new SyntheticPopulation.Options(3_000, 1.5, 12, 0.001), false);
        for (String file : List.of("people.csv", "stays.csv")) {
            assertThat(sha256(other.resolve("a").resolve(file))).isEqualTo(sha256(other.resolve("b").resolve(file)));
            assertThat(sha256(other.resolve("a").resolve(file))).isNotEqualTo(sha256(other.resolve("c").resolve(file)));
        }
    }

    @Test
    void schemasAreAcceptedByTheLoaderAndDeclareEveryColumn() throws Exception {
        check(dir.resolve("people.schema.yaml"), SyntheticPopulation.PEOPLE_HEADER);
        check(dir.resolve("stays.schema.yaml"), SyntheticPopulation.STAYS_HEADER);
    }

    @Test
    void existingFilesAreKeptUnlessReplaceIsAskedForAndOptionsAreChecked() throws IOException {
        var options = new SyntheticPopulation.Options(10, 1, 1, 0);
        SyntheticPopulation.write(other, options, false);
        assertThatThrownBy(() -> SyntheticPopulation.write(other, options, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("--replace");
        assertThat(SyntheticPopulation.write(other, options, true).people()).isEqualTo(10);
        try (var files = Files.list(other)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    "people.csv", "stays.csv", "people.schema.yaml", "stays.schema.yaml");
        }
        assertThatThrownBy(() -> new SyntheticPopulation.Options(0, 1, 1, 0)).hasMessageContaining("--people");
        assertThatThrownBy(() -> new SyntheticPopulation.Options(1, -1, 1, 0)).hasMessageContaining("--stays-per-person");
        assertThatThrownBy(() -> new SyntheticPopulation.Options(1, 1, 1, 1.5)).hasMessageContaining("--invalid-share");
    }

    private static void check(Path schemaFile, String header) throws Exception {
        DatasetSchema schema = SchemaLoader.load(schemaFile);
        assertThat(schema.columns().stream().map(ColumnSpec::name)).containsExactly(header.split(","));
        assertThat(schema.columns().stream().filter(ColumnSpec::isNir)).hasSize(1);
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
