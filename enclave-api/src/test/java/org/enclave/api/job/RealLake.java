package org.enclave.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A real pseudonymised dataset: a CSV of stays with valid NIRs, run through {@code bin/pseudonymiser}
 * (keygen, then run) into the lake. The NIRs are generated here (layout and check key as in
 * docs/pseudonymiser.md) since the API may not depend on the pseudonymiser module. Other tests
 * (EndToEndReleaseIT) pseudonymise data of their own through {@link #pseudonymise(Path, Path, String, CharSequence, String)}.
 */
public final class RealLake {

    static final String TABLE = "jobs_stays";
    static final int ROWS = 600;

    private RealLake() {
    }

    /** The repository root: the folder holding bin/ and the module folders, from the working directory up. */
    static Path repo() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/enclave-compute")) && Files.isDirectory(dir.resolve("enclave-compute"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found from " + Path.of("").toAbsolutePath());
    }

    /** Fails, saying what to build, when the compute or pseudonymiser jar is missing. */
    public static void requireJars() {
        for (String module : List.of("enclave-compute", "pseudonymiser")) {
            Path jar = repo().resolve(module + "/target/" + module + ".jar");
            assertThat(jar).as(jar + " is missing: build it first with "
                    + "./mvnw -B -q -DskipTests -pl enclave-compute -am package (the full reactor verify does this)").exists();
        }
    }

    /** A valid 15-character NIR: sex, year, month, département (never 20, so no 2A/2B), commune, order, key. */
    public static String nir(Random random) {
        String dept = String.format("%02d", 1 + random.nextInt(95));
        if (dept.equals("20")) {
            dept = "21";
        }
        String body = String.format("%d%02d%02d%s%03d%03d", 1 + random.nextInt(2), random.nextInt(100), 1 + random.nextInt(12),
                dept, 1 + random.nextInt(990), 1 + random.nextInt(999));
        return body + String.format("%02d", 97 - Long.parseLong(body) % 97);
    }

    /** Writes and pseudonymises the CSV into {@code lake/<location>}; returns the location. */
    static String pseudonymise(Path lake, Path work) throws IOException, InterruptedException {
        Random random = new Random(42);
        StringBuilder csv = new StringBuilder("nir,age,region,cost\n");
        String[] people = new String[150];
        for (int i = 0; i < people.length; i++) {
            people[i] = nir(random);
        }
        String[] regions = {"11", "24", "75", "84"};
        for (int i = 0; i < ROWS; i++) {
            csv.append(people[random.nextInt(people.length)]).append(',').append(18 + random.nextInt(70)).append(',')
                    .append(regions[random.nextInt(regions.length)]).append(',').append(10 + random.nextInt(900)).append('.')
                    .append(String.format("%02d", random.nextInt(100))).append('\n');
        }
        return pseudonymise(lake, work, TABLE, csv, """
                dataset: stays
                columns:
                  - {name: nir, role: identifier, kind: nir}
                  - {name: age, role: quasi, type: int, generalise: {band: 10, top: 80}}
                  - {name: region, role: quasi, type: string, generalise: none}
                  - {name: cost, role: attribute, type: decimal}
                """);
    }

    /**
     * Runs {@code bin/pseudonymiser} (keygen with a fresh master key, then run) on {@code csv} with the
     * column-role {@code schema} (docs/pseudonymiser.md), writing {@code lake/<table>/v1}; returns that location.
     */
    public static String pseudonymise(Path lake, Path work, String table, CharSequence csv, String schema)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Files.writeString(work.resolve("stays.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(work.resolve("schema.yaml"), schema, StandardCharsets.UTF_8);
        Files.writeString(work.resolve("password"), "it-keystore-password-" + new SecureRandom().nextLong() + "\n");
        Files.deleteIfExists(work.resolve("master.p12"));
        String location = table + "/v1";
        Path out = lake.resolve(location);
        run(work, "keygen", "--keystore", "master.p12", "--password-file", "password");
        run(work, "run", "--input", "stays.csv", "--schema", "schema.yaml", "--keystore", "master.p12",
                "--password-file", "password", "--output", out.toString(), "--replace", "--threads", "1");
        return location;
    }

    private static void run(Path work, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(repo().resolve("bin/pseudonymiser").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("pseudonymiser.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("bin/pseudonymiser %s: %s", args[0], Files.readString(work.resolve("pseudonymiser.log"))).isZero();
    }
}
