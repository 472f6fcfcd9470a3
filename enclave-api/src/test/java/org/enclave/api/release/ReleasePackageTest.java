package org.enclave.api.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.enclave.api.platform.DomainException;
import org.enclave.api.project.ProjectId;
import org.enclave.api.workspace.WorkspaceId;
import org.enclave.policies.TableStatus;
import org.enclave.policies.check.CheckResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The package writer and the offline verifier, with every kind of tampering; the signing key; the re-evaluation. */
class ReleasePackageTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    /** RFC 8032, section 7.1, test 1. */
    static final String RFC_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final String RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    static final String RFC_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    static ReleaseSigningKey key(int seed) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) seed;
        return new ReleaseSigningKey(bytes);
    }

    @TempDir Path tmp;

    @Test
    void signingKeyMatchesRfc8032AndNeverPrintsItsSecret() {
        ReleaseSigningKey k = new ReleaseSigningKey(HexFormat.of().parseHex(RFC_SECRET));
        assertThat(HexFormat.of().formatHex(k.sign(new byte[0]))).isEqualTo(RFC_SIGNATURE);
        assertThat(HexFormat.of().formatHex(Base64.getDecoder().decode(k.publicKey().base64()))).isEqualTo(RFC_PUBLIC);
        assertThat(k.toString()).doesNotContain(RFC_SECRET).doesNotContain(RFC_SECRET.substring(0, 16))
                .doesNotContain(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(RFC_SECRET)).substring(0, 12))
                .contains("redacted").contains("ed25519:d75a980182b10ab7");
        byte[] seed = HexFormat.of().parseHex(RFC_SECRET);
        new ReleaseSigningKey(seed);
        assertThat(seed).containsOnly(0);
    }

    @Test
    void publicKeyIsPemAndReadsBackFromPemOrRawBase64() {
        ReleasePublicKey pk = key(1).publicKey();
        assertThat(pk.pem()).startsWith("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(ReleasePublicKey.parse(pk.pem())).isEqualTo(pk);
        assertThat(ReleasePublicKey.parse(pk.base64() + "\n")).isEqualTo(pk);
        assertThatThrownBy(() -> ReleasePublicKey.parse("bm90IGEga2V5")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theApiEvaluatesThePolicyItselfAndCombinesTiers() {
        assertThat(OutputCheck.policy("standard+health").name()).isEqualTo("standard+health");
        assertThat(OutputCheck.policy("standard+health").threshold().minUnits()).isEqualTo(11);
        assertThatThrownBy(() -> OutputCheck.policy("standard+nope")).isInstanceOf(DomainException.Invalid.class);
        assertThat(OutputCheck.evaluate(Tables.FAILS, "standard", "t").status()).isEqualTo(TableStatus.FAIL);
        assertThat(OutputCheck.evaluate(Tables.ONE_SMALL_CELL, "standard", "t").status()).isEqualTo(TableStatus.PASS);
        assertThatThrownBy(() -> OutputCheck.evaluate("{\"dimensions\":[]}", "standard", "t"))
                .isInstanceOf(DomainException.Invalid.class).hasMessageStartingWith("t: ");
    }

    @Test
    void csvMasksSuppressedCellsAndRoundsWhenThePolicyRounds() {
        String masked = new String(ReleasedCsv.write(OutputCheck.evaluate(Tables.ONE_SMALL_CELL, "standard", "t")), StandardCharsets.UTF_8);
        assertThat(masked).isEqualTo("region,margin,count,status\n11,false,20,ok\n24,false,,suppressed\n");
        String rounded = new String(ReleasedCsv.write(OutputCheck.evaluate(Tables.SAFE, "health", "t")), StandardCharsets.UTF_8);
        assertThat(rounded).isEqualTo("age_band,margin,count,status\n0-39,false,25,ok\n40+,false,30,ok\n,true,55,ok\n");
    }

    SortedMap<String, byte[]> signedPackage(ReleaseSigningKey k) {
        CheckResult result = OutputCheck.evaluate(Tables.ONE_SMALL_CELL, "standard", "by_region");
        ReleaseOutput output = new ReleaseOutput("by_region", UUID.randomUUID(), "ab".repeat(32), List.of("stays@v1"), "standard",
                Tables.ONE_SMALL_CELL, "{\"evaluation\":{\"status\":\"not-evaluated\"}}", "pass", result.summary(), null, NOW);
        ReleaseRequest r = new ReleaseRequest(ReleaseId.random(), ProjectId.random(), WorkspaceId.random(), "alice", Set.of("alice"),
                "ctx", "ctl", NOW, ReleaseState.RELEASED, 1, List.of(output),
                List.of(new Vote(1, "chris", Vote.Decision.APPROVE, "private reason", NOW),
                        new Vote(1, "chloe", Vote.Decision.APPROVE, "another private reason", NOW)), NOW, NOW);
        PackagedOutput p = new PackagedOutput(output, result);
        PackageRecords.Context c = new PackageRecords.Context(r, List.of(p), 2, NOW, k.keyId());
        Map<String, byte[]> content = new TreeMap<>(Map.of(p.file(), ReleasedCsv.write(result),
                "sdc-record.json", PackageRecords.sdcRecord(c), "acro-results.json", PackageRecords.acroResults(c, List.of("alice: thanks"))));
        return ReleasePackage.sign(content, k);
    }

    @Test
    void theRecordsHoldNothingMoreDisclosiveThanTheTables() {
        SortedMap<String, byte[]> files = signedPackage(key(1));
        assertThat(files.keySet()).containsExactly("acro-results.json", "checksums.sha256", "sdc-record.json", "signature.ed25519",
                "tables/by_region.csv");
        String record = new String(files.get("sdc-record.json"), StandardCharsets.UTF_8);
        JsonNode rec = JSON.readTree(record);
        assertThat(rec.get("packageVersion").asInt()).isEqualTo(1);
        assertThat(rec.at("/outputs/0/counts/primary").asInt()).isEqualTo(1);
        assertThat(rec.at("/outputs/0/policy/parameters/threshold/minUnits").asInt()).isEqualTo(10);
        assertThat(rec.at("/outputs/0/computeEvaluation").asString()).isEqualTo("not-evaluated");
        assertThat(rec.at("/review/votes").size()).isEqualTo(2);
        assertThat(record).doesNotContain("private reason").doesNotContain("\"cells\" : [").doesNotContain("audit")
                .doesNotContain("\"threshold\" ]");
        JsonNode acro = JSON.readTree(files.get("acro-results.json"));
        JsonNode out = acro.at("/results/by_region");
        for (String field : List.of("uid", "status", "type", "properties", "files", "outcome", "command", "summary", "timestamp",
                "comments", "exception")) {
            assertThat(out.has(field)).as(field).isTrue();
        }
        assertThat(acro.has("version")).isTrue();
        assertThat(out.at("/files/0/name").asString()).isEqualTo("tables/by_region.csv");
        assertThat(out.at("/files/0/sdc/summary/threshold").asInt()).isEqualTo(1);
        assertThat(out.at("/outcome/count/1").asString()).isEqualTo("suppressed; ");
        assertThat(out.at("/comments/0").asString()).isEqualTo("alice: thanks");
    }

    @Test
    void aFreshPackageVerifiesAsFolderAndZip() throws Exception {
        ReleaseSigningKey k = key(1);
        SortedMap<String, byte[]> files = signedPackage(k);
        Path dir = tmp.resolve("pkg");
        ReleasePackage.writeFolder(dir, files);
        Path zip = tmp.resolve("pkg.zip");
        Files.write(zip, ReleasePackage.zip(files));
        assertThat(ReleaseVerifier.verify(dir, k.publicKey()).valid()).isTrue();
        assertThat(ReleaseVerifier.verify(zip, k.publicKey())).satisfies(r -> {
            assertThat(r.valid()).isTrue();
            assertThat(r.files()).isEqualTo(5);
        });
        assertThat(ReleasePackage.zip(files)).as("reproducible zip").isEqualTo(Files.readAllBytes(zip));
        String checksums = Files.readString(dir.resolve("checksums.sha256"));
        assertThat(checksums.lines()).hasSize(3).allMatch(l -> l.matches("[0-9a-f]{64}  [a-z/_.-]+"));
    }

    @Test
    void everyTamperingIsNamed() {
        ReleaseSigningKey k = key(1);
        SortedMap<String, byte[]> good = signedPackage(k);

        SortedMap<String, byte[]> csv = new TreeMap<>(good);
        csv.put("tables/by_region.csv", "region,margin,count,status\n11,false,20,ok\n24,false,3,ok\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ReleaseVerifier.verify(csv, k.publicKey()).problem()).isEqualTo("checksum mismatch: tables/by_region.csv has been changed");

        SortedMap<String, byte[]> missing = new TreeMap<>(good);
        missing.remove("sdc-record.json");
        assertThat(ReleaseVerifier.verify(missing, k.publicKey()).problem()).isEqualTo("missing file sdc-record.json");

        SortedMap<String, byte[]> extra = new TreeMap<>(good);
        extra.put("tables/extra.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ReleaseVerifier.verify(extra, k.publicKey()).problem()).isEqualTo("extra file tables/extra.csv is not in checksums.sha256");

        assertThat(ReleaseVerifier.verify(good, key(2).publicKey()).problem()).startsWith("bad signature");

        SortedMap<String, byte[]> relisted = new TreeMap<>(csv);
        relisted.put("checksums.sha256", ReleasePackage.checksums(new TreeMap<>(Map.of("tables/by_region.csv", csv.get("tables/by_region.csv"),
                "sdc-record.json", good.get("sdc-record.json"), "acro-results.json", good.get("acro-results.json")))).getBytes(StandardCharsets.UTF_8));
        assertThat(ReleaseVerifier.verify(relisted, k.publicKey()).problem()).startsWith("bad signature");

        SortedMap<String, byte[]> unsigned = new TreeMap<>(good);
        unsigned.remove("signature.ed25519");
        assertThat(ReleaseVerifier.verify(unsigned, k.publicKey()).problem()).isEqualTo("missing file signature.ed25519");

        SortedMap<String, byte[]> garbled = new TreeMap<>(good);
        garbled.put("signature.ed25519", "not base64!\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(ReleaseVerifier.verify(garbled, k.publicKey()).problem()).startsWith("bad signature");
    }

    @Test
    void theCommandExitsZeroWhenValidOneWhenNotTwoOnUsage() throws Exception {
        ReleaseSigningKey k = key(1);
        SortedMap<String, byte[]> files = signedPackage(k);
        Path dir = tmp.resolve("cmd");
        ReleasePackage.writeFolder(dir, files);
        Path keyFile = tmp.resolve("release.pub");
        Files.writeString(keyFile, k.publicKey().pem());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(ReleaseVerifyCommand.run(new String[] {"release-verify", "--package", dir.toString(), "--public-key",
                keyFile.toString()}, o, e)).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("valid: 5 files");
        Files.writeString(dir.resolve("tables/by_region.csv"), "tampered\n");
        assertThat(ReleaseVerifyCommand.run(new String[] {"release-verify", "--package=" + dir, "--public-key=" + keyFile}, o, e))
                .isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("INVALID: checksum mismatch: tables/by_region.csv");
        Files.delete(dir.resolve("tables/by_region.csv"));
        assertThat(ReleaseVerifyCommand.run(new String[] {"release-verify", "--package", dir.toString(), "--public-key",
                keyFile.toString()}, o, e)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("INVALID: missing file tables/by_region.csv");
        assertThat(ReleaseVerifyCommand.run(new String[] {"release-verify", "--package", dir.toString()}, o, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
    }

    @Test
    void aZipWithAPathOutsideThePackageIsRefused() throws Exception {
        Path zip = tmp.resolve("evil.zip");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("../evil.txt"));
            z.write(1);
            z.closeEntry();
        }
        assertThat(ReleaseVerifier.verify(zip, key(1).publicKey()).problem()).contains("unsafe entry name ../evil.txt");
    }
}
