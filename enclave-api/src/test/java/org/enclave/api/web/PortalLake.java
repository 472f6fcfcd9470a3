package org.enclave.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.enclave.api.catalogue.ColumnSpec;

/**
 * A real pseudonymised dataset for the portal's release flow, made by {@code bin/pseudonymiser} as in
 * {@code job.RealLake}, but shaped for an SDC table worth reviewing: 200 persons with a fixed age and
 * region, mostly aged 30 to 59, and three aged over 80 in one region. Grouped by age band and region,
 * the over-80 cell is a primary suppression and the totals force a secondary one; every other cell is
 * safe, so the table passes and can be approved.
 */
final class PortalLake {

    static final String TABLE = "portal_stays";

    /** The columns as the pseudonymiser's manifest spells them (the catalogue accepts that spelling). */
    static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("csns", "fixed_len_byte_array(32)", "identifier", "pseudonymised NIR", null),
            new ColumnSpec("age", "binary(string)", "quasi", "age in 10-year bands", null),
            new ColumnSpec("region", "binary(string)", "quasi", "region code", null),
            new ColumnSpec("cost", "int64(decimal(18,2))", "attribute", "cost in euros", null));

    private PortalLake() {
    }

    /** The repository root (holding bin/), from the working directory up; null when not found. */
    static Path repo() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/pseudonymiser")) && Files.isDirectory(dir.resolve("enclave-compute"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found from " + Path.of("").toAbsolutePath());
    }

    /** Fails, saying what to build, when the compute or pseudonymiser jar is missing. */
    static void requireJars() {
        for (String module : List.of("enclave-compute", "pseudonymiser")) {
            Path jar = repo().resolve(module + "/target/" + module + ".jar");
            assertThat(jar).as(jar + " is missing: build it first with "
                    + "./mvnw -B -q -DskipTests -pl enclave-compute,pseudonymiser -am package").exists();
        }
    }

    /** A valid NIR (docs/pseudonymiser.md): sex, year, month, département (not 20), commune, order, check key. */
    static String nir(Random random) {
        int dept = 1 + random.nextInt(95);
        String body = String.format("%d%02d%02d%02d%03d%03d", 1 + random.nextInt(2), random.nextInt(100), 1 + random.nextInt(12),
                dept == 20 ? 21 : dept, 1 + random.nextInt(990), 1 + random.nextInt(999));
        return body + String.format("%02d", 97 - Long.parseLong(body) % 97);
    }

    /** Writes the CSV and pseudonymises it into {@code lake/portal_stays/v1}; returns that location. */
    static String pseudonymise(Path lake, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Random random = new Random(8);
        String[] regions = {"11", "24", "75", "84"};
        StringBuilder csv = new StringBuilder("nir,age,region,cost\n");
        for (int person = 0; person < 200; person++) {
            String nir = nir(random);
            boolean old = person < 3;
            int age = old ? 82 + person : 30 + random.nextInt(30);
            String region = old ? "75" : regions[person % regions.length];
            for (int stay = 0, stays = 1 + random.nextInt(3); stay < stays; stay++) {
                csv.append(nir).append(',').append(age).append(',').append(region).append(',')
                        .append(100 + random.nextInt(900)).append(".00\n");
            }
        }
        Files.writeString(work.resolve("stays.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(work.resolve("schema.yaml"), """
                dataset: stays
                columns:
                  - {name: nir, role: identifier, kind: nir}
                  - {name: age, role: quasi, type: int, generalise: {band: 10, top: 80}}
                  - {name: region, role: quasi, type: string, generalise: none}
                  - {name: cost, role: attribute, type: decimal}
                """, StandardCharsets.UTF_8);
        Files.writeString(work.resolve("password"), "portal-it-keystore-password\n", StandardCharsets.UTF_8);
        Files.deleteIfExists(work.resolve("master.p12"));
        String location = TABLE + "/v1";
        run(work, "keygen", "--keystore", "master.p12", "--password-file", "password");
        run(work, "run", "--input", "stays.csv", "--schema", "schema.yaml", "--keystore", "master.p12",
                "--password-file", "password", "--output", lake.resolve(location).toString(), "--replace", "--threads", "1");
        return location;
    }

    private static void run(Path work, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(repo().resolve("bin/pseudonymiser").toString()));
        command.addAll(List.of(args));
        Path log = work.resolve("pseudonymiser.log");
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("bin/pseudonymiser %s finished", args[0]).isTrue();
        assertThat(p.exitValue()).as("bin/pseudonymiser %s: %s", args[0], Files.readString(log)).isZero();
    }
}
