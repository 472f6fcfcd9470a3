package org.enclave.pseudonymiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pseudonymiser synth}, then {@code run} on what it wrote, schemas as they are. */
class SynthCommandTest {

    @TempDir
    Path dir;

    @Test
    void synthesisedExtractsArePseudonymisedAsTheyAreAndOnlyTheInvalidNirsAreQuarantined() throws Exception {
        Path data = dir.resolve("synth");
        var synth = PseudonymiserCliTest.cli("synth", "--people", "5000", "--stays-per-person", "2", "--out", data.toString(),
                "--seed", "3", "--invalid-share", "0.01");
        assertThat(synth.status()).as(synth.err()).isZero();
        assertThat(synth.out()).startsWith("pseudonymiser: synth: 5,000 people (").contains(" stays in ");
        long invalid = Long.parseLong(synth.out().replaceAll("(?s).*people \\(([0-9,]+) invalid NIRs.*", "$1").replace(",", ""));
        long temporary = Long.parseLong(synth.out().replaceAll("(?s).*invalid NIRs, ([0-9,]+) temporary.*", "$1").replace(",", ""));
        assertThat(invalid).isPositive();

        Path keystore = dir.resolve("master.bcfks");
        assertThat(PseudonymiserCliTest.cli("keygen", "--keystore", keystore.toString()).status()).isZero();
        for (String name : new String[] {"people", "stays"}) {
            Path out = dir.resolve("lake").resolve(name);
            var run = PseudonymiserCliTest.cli("run", "--input", data.resolve(name + ".csv").toString(),
                    "--schema", data.resolve(name + ".schema.yaml").toString(), "--keystore", keystore.toString(),
                    "--output", out.toString(), "--no-progress");
            assertThat(run.status()).as(run.err()).isZero();
            JsonNode m = PseudonymiserCliTest.manifest(out);
            long rowsIn = m.path("rows").path("in").asLong();
            long quarantined = m.path("rows").path("quarantined").asLong();
            assertThat(rowsIn).isEqualTo(Files.lines(data.resolve(name + ".csv")).count() - 1);
            assertThat(m.path("quarantineReasons").fieldNames()).toIterable().allMatch(r -> r.startsWith("nir-"));
            assertThat(m.path("quarantineReasons").path("nir-check-key").asLong()).isPositive();
            assertThat(m.path("quarantineReasons").path("nir-format").asLong()).isPositive();
            if (name.equals("people")) {
                assertThat(quarantined).isEqualTo(invalid);
                assertThat(m.path("quality").path("nir-temporary").asLong()).isEqualTo(temporary);
            }
            assertThat(PseudonymiserCliTest.cli("verify", out.toString()).status()).isZero();
        }
    }

    @Test
    void existingOutputIsRefusedWithoutReplaceAndBadOptionsAreUsageErrors() {
        String out = dir.resolve("s").toString();
        assertThat(PseudonymiserCliTest.cli("synth", "--people", "10", "--out", out).status()).isZero();
        var again = PseudonymiserCliTest.cli("synth", "--people", "10", "--out", out);
        assertThat(again.status()).isEqualTo(PseudonymiserCli.USAGE);
        assertThat(again.err()).contains("already exists").contains("--replace");
        assertThat(PseudonymiserCliTest.cli("synth", "--people", "10", "--out", out, "--replace").status()).isZero();
        assertThat(PseudonymiserCliTest.cli("synth", "--people", "0", "--out", out).status()).isEqualTo(PseudonymiserCli.USAGE);
        assertThat(PseudonymiserCliTest.cli("synth", "--people", "10", "--out", out, "--invalid-share", "2").status())
                .isEqualTo(PseudonymiserCli.USAGE);
        assertThat(PseudonymiserCliTest.cli("synth", "--out", out).status()).isEqualTo(PseudonymiserCli.USAGE);
    }
}
