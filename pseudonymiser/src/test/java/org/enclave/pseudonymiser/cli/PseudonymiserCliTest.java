package org.enclave.pseudonymiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.enclave.pseudonymiser.csns.CsnsEncoding;
import org.enclave.pseudonymiser.csns.CsnsFunction;
import org.enclave.pseudonymiser.key.KeyStoreFile;
import org.enclave.pseudonymiser.key.MasterKeyChain;
import org.enclave.pseudonymiser.nir.Nir;
import org.enclave.pseudonymiser.testing.OutputReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the CLI (in-process): round trips through CSV and Parquet, and each bad input of the issue
 * with its exit status and, for run failures, no output left behind.
 */
class PseudonymiserCliTest {
    static final String PASSWORD = "correct horse battery";
    static final Map<String, String> ENV = Map.of("ENCLAVE_KEYSTORE_PASSWORD", PASSWORD);
    static final String SCHEMA = """
        dataset: hospital_stays
        columns:
          - {name: nir,        role: identifier, kind: nir}
          - {name: last_name,  role: identifier, kind: drop}
          - {name: birth_date, role: quasi, type: date, generalise: year-month}
          - {name: commune,    role: quasi, type: string, generalise: departement}
          - {name: age,        role: quasi, type: int, generalise: {band: 5, top: 90}}
          - {name: cost,       role: attribute, type: decimal}
        """;
    static final String HEADER = "nir,last_name,birth_date,commune,age,cost\n";
    static final String GOOD = HEADER
        + "295109912611193,Dupont,1995-10-03,99126,29,12.34\n"
        + "\"2 53 07 2B 073 004 70\",\"Casanova, Jean\",1953-07-14,2B073,71,100\n"
        + "295109912611199,Martin,1980-01-01,75056,44,1.5\n"        // wrong key
        + "253072C07300443,Bernard,1980-01-01,75056,44,1.5\n"       // bad format
        + "395109912611143,Durand,2000-02-29,97105,92,0.10\n"      // temporary NIR, leap day, overseas
        + "295109912611193,Dupont,2023-02-30,99126,29,3\n"          // impossible date
        + "295109912611193,Dupont,1995-10-03\n"                     // column count
        + "295109912611193,Dupont,1995-10-03,2A004,89,\n";          // duplicate NIR, missing cost
    static final List<String> NIR_DIGITS = List.of("2951099126", "2530720730", "253072B073", "2951099126111",
        "3951099126", "253072C073");

    @TempDir
    static Path shared;
    static Path keystore;

    @TempDir
    Path dir;

    @BeforeAll
    static void keystore() {
        keystore = shared.resolve("master.bcfks");
        assertThat(cli("keygen", "--keystore", keystore.toString(), "--key-id", "test-key").status).isZero();
    }

    record Result(int status, String out, String err) { }

    static Result cli(String... args) {
        return cli(ENV, args);
    }

    static Result cli(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PseudonymiserCli.execute(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    Result run(Path input, Path output, String... extra) throws IOException {
        Path schema = dir.resolve("schema.yaml");
        if (!Files.exists(schema)) {
            Files.writeString(schema, SCHEMA);
        }
        String[] base = {"run", "--input", input.toString(), "--schema", schema.toString(), "--keystore",
            keystore.toString(), "--output", output.toString(), "--no-progress"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return cli(all);
    }

    static String csns(String nir) throws Exception {
        MasterKeyChain keys = new KeyStoreFile(keystore).load(PASSWORD.toCharArray());
        return HexFormat.of().formatHex(CsnsFunction.latest(keys, CsnsEncoding.V1).csns(Nir.parse(nir)));
    }

    static JsonNode manifest(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    }

    void assertNothingLeftBehind(Path out) throws IOException {
        assertThat(out).doesNotExist();
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }

    @Test
    void csvRoundTrip() throws Exception {
        Path out = dir.resolve("out");
        Result r = run(write("stays.csv", GOOD), out);
        assertThat(r.status).as(r.err).isZero();
        assertThat(r.out).contains("8 rows in, 4 out, 4 quarantined");

        assertThat(Files.readString(out.resolve("quarantine.csv"))).isEqualTo("""
            row,column,reason
            3,nir,nir-check-key
            4,nir,nir-format
            6,birth_date,bad-date
            7,*,column-count
            """);
        JsonNode m = manifest(out);
        assertThat(m.path("rows").path("in").asLong()).isEqualTo(8);
        assertThat(m.path("rows").path("out").asLong()).isEqualTo(4);
        assertThat(m.path("rows").path("quarantined").asLong()).isEqualTo(4);
        assertThat(m.path("quality").path("nir-temporary").asLong()).isEqualTo(1);
        assertThat(m.path("key").path("id").asText()).isEqualTo("test-key");
        assertThat(m.path("key").path("version").asInt()).isEqualTo(1);
        assertThat(m.path("csns").path("encoding").asText()).isEqualTo("CSNS-v1");
        assertThat(m.path("quarantineReasons").path("nir-check-key").asLong()).isEqualTo(1);

        List<Map<String, Object>> rows = OutputReader.rows(out);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).keySet()).containsExactly("csns", "birth_date", "commune", "age", "cost");
        Map<String, Map<String, Object>> byCsns = rows.stream().collect(
            Collectors.toMap(x -> x.get("csns") + "|" + x.get("commune"), x -> x));
        assertThat(byCsns.get(csns("295109912611193") + "|99"))
            .containsEntry("birth_date", "1995-10").containsEntry("age", "25-29").containsEntry("cost", 1234L);
        assertThat(byCsns.get(csns("253072B07300470") + "|2B"))
            .containsEntry("birth_date", "1953-07").containsEntry("age", "70-74").containsEntry("cost", 10000L);
        assertThat(byCsns.get(csns("395109912611143") + "|971"))
            .containsEntry("birth_date", "2000-02").containsEntry("age", "90+").containsEntry("cost", 10L);
        assertThat(byCsns.get(csns("295109912611193") + "|2A")) // same person, second stay
            .containsEntry("age", "85-89").containsEntry("cost", null);

        assertThat(cli("verify", out.toString()).status).isZero();
        assertNoNirAnywhere(out, r);
    }

    void assertNoNirAnywhere(Path out, Result r) throws IOException {
        String everything = r.out + r.err + Files.readString(out.resolve("quarantine.csv"))
            + Files.readString(out.resolve("manifest.json"));
        for (String d : NIR_DIGITS) {
            assertThat(everything).doesNotContain(d);
        }
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.toList()) {
                String bytes = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                for (String d : NIR_DIGITS) {
                    assertThat(bytes).as(p.getFileName().toString()).doesNotContain(d);
                }
            }
        }
    }

    @Test
    void parquetInputGivesTheSameCsnsAsCsv() throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("""
            message stays {
              required binary nir (STRING);
              optional binary last_name (STRING);
              optional int32 birth_date (DATE);
              optional binary commune (STRING);
              optional int32 age;
              optional int64 cost (DECIMAL(18,2));
            }""");
        Path in = dir.resolve("stays.parquet");
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(in)).withType(schema)
                .withConf(new Configuration(false)).build()) {
            w.write(f.newGroup().append("nir", "295109912611193").append("last_name", "Dupont")
                .append("birth_date", (int) LocalDate.of(1995, 10, 3).toEpochDay()).append("commune", "99126")
                .append("age", 29).append("cost", 1234L));
            w.write(f.newGroup().append("nir", "253072B07300470").append("commune", "2B073").append("age", 71));
            w.write(f.newGroup().append("nir", "295109912611199").append("age", 1));
        }
        Path out = dir.resolve("out");
        Result r = run(in, out);
        assertThat(r.status).as(r.err).isZero();
        assertThat(Files.readString(out.resolve("quarantine.csv"))).isEqualTo("row,column,reason\n3,nir,nir-check-key\n");
        List<Map<String, Object>> rows = OutputReader.rows(out);
        assertThat(rows).extracting(x -> x.get("csns"))
            .containsExactlyInAnyOrder(csns("295109912611193"), csns("253072B07300470"));
        assertThat(rows).anySatisfy(x -> assertThat(x).containsEntry("birth_date", "1995-10")
            .containsEntry("cost", 1234L).containsEntry("age", "25-29"));
        assertThat(manifest(out).path("input").path("format").asText()).isEqualTo("parquet");
        assertThat(cli("verify", out.toString()).status).isZero();
    }

    @Test
    void unbalancedQuoteAtEndOfFileFailsTheRunAndLeavesNothing() throws Exception {
        Path out = dir.resolve("out");
        Result r = run(write("in.csv", HEADER + "295109912611193,\"Dupont,1995-10-03,99126,29,1\n"), out);
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("unbalanced quote").contains("data row 1");
        assertNothingLeftBehind(out);
    }

    @Test
    void unbalancedQuoteInsideARowIsQuarantined() throws Exception {
        Path out = dir.resolve("out");
        Result r = run(write("in.csv", HEADER + "295109912611193,Du\"p\"ont,1995-10-03,99126,29,1\n"), out);
        assertThat(r.status).isZero();
        assertThat(Files.readString(out.resolve("quarantine.csv"))).endsWith("1,*,bad-quoting\n");
    }

    @Test
    void wrongEncodingFailsTheRunUnlessDeclared() throws Exception {
        String schemaText = SCHEMA.replace("kind: drop}", "kind: drop}\n  - {name: city, role: attribute, type: string}");
        Files.writeString(dir.resolve("schema.yaml"), schemaText);
        Path in = dir.resolve("latin1.csv");
        Files.write(in, (HEADER.replace("\n", ",city\n") + "295109912611193,Dupont,1995-10-03,99126,29,1,Orléans\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("out");
        Result r = run(in, out);
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("data row 1, column 'city' is not valid UTF-8").contains("--encoding");
        assertNothingLeftBehind(out);

        Result ok = run(in, out, "--encoding", "ISO-8859-1");
        assertThat(ok.status).as(ok.err).isZero();
        assertThat(OutputReader.rows(out).get(0)).containsEntry("city", "Orléans");
    }

    @Test
    void emptyFileFailsTheRun() throws Exception {
        Path out = dir.resolve("out");
        Result r = run(write("empty.csv", ""), out);
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("input is empty");
        assertNothingLeftBehind(out);
    }

    @Test
    void headerOnlyIsACompleteRunOfZeroRows() throws Exception {
        Path out = dir.resolve("out");
        Result r = run(write("header.csv", HEADER), out);
        assertThat(r.status).as(r.err).isZero();
        assertThat(manifest(out).path("rows").path("in").asLong()).isZero();
    }

    @Test
    void headerNotMatchingTheSchemaIsASchemaError() throws Exception {
        Path out = dir.resolve("out");
        Result extra = run(write("extra.csv", HEADER.replace("\n", ",email\n") + "1,2,3,4,5,6,7\n"), out);
        assertThat(extra.status).isEqualTo(2);
        assertThat(extra.err).contains("'email' is not declared in the schema");
        Result missing = run(write("missing.csv", HEADER.replace(",cost", "") + "1,2,3,4,5\n"), out);
        assertThat(missing.status).isEqualTo(2);
        assertThat(missing.err).contains("'cost' is declared in the schema but missing");
        assertNothingLeftBehind(out);
    }

    @Test
    void truncatedOrCorruptParquetFailsTheRun() throws Exception {
        Path good = dir.resolve("good");
        assertThat(run(write("stays.csv", GOOD), good).status).isZero();
        Path part = good.resolve("part-00000.parquet");
        byte[] bytes = Files.readAllBytes(part);
        Path truncated = dir.resolve("truncated.parquet");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path out = dir.resolve("out");
        Result r = run(truncated, out);
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("not a readable Parquet file");
        assertNothingLeftBehind(out);

        Path garbage = write("garbage.parquet", "PAR1 this is not parquet at all PAR1");
        assertThat(run(garbage, out).status).isEqualTo(1);
        assertNothingLeftBehind(out);
    }

    @Test
    void finishedOutputIsRefusedUnlessReplaced() throws Exception {
        Path out = dir.resolve("out");
        Path in = write("stays.csv", GOOD);
        assertThat(run(in, out).status).isZero();
        String before = Files.readString(out.resolve("manifest.json"));
        Result again = run(in, out);
        assertThat(again.status).isEqualTo(2);
        assertThat(again.err).contains("already holds a finished run").contains("--replace");
        assertThat(Files.readString(out.resolve("manifest.json"))).isEqualTo(before);
        Result replaced = run(in, out, "--replace");
        assertThat(replaced.status).as(replaced.err).isZero();
        assertThat(cli("verify", out.toString()).status).isZero();
    }

    @Test
    void wrongOrMissingKeystorePassword() throws Exception {
        Path out = dir.resolve("out");
        Path in = write("stays.csv", GOOD);
        Files.writeString(dir.resolve("schema.yaml"), SCHEMA);
        Result wrong = cli(Map.of("ENCLAVE_KEYSTORE_PASSWORD", "not the password"), "run", "--input", in.toString(),
            "--schema", dir.resolve("schema.yaml").toString(), "--keystore", keystore.toString(), "--output",
            out.toString());
        assertThat(wrong.status).isEqualTo(1);
        assertThat(wrong.err).contains("wrong password").doesNotContain("not the password");
        Result none = cli(Map.of(), "run", "--input", in.toString(), "--schema", dir.resolve("schema.yaml").toString(),
            "--keystore", keystore.toString(), "--output", out.toString());
        assertThat(none.status).isEqualTo(2);
        assertThat(none.err).contains("ENCLAVE_KEYSTORE_PASSWORD");
        Path pwFile = write("pw.txt", PASSWORD + "\n");
        Result fromFile = cli(Map.of(), "run", "--input", in.toString(), "--schema",
            dir.resolve("schema.yaml").toString(), "--keystore", keystore.toString(), "--output", out.toString(),
            "--password-file", pwFile.toString());
        assertThat(fromFile.status).as(fromFile.err).isZero();
    }

    /** {@code --layout input}: the same rows and CSNS as the default layout, one part per worker, nothing sorted. */
    @Test
    void inputLayoutWritesTheSameRowsWithoutTheSort() throws Exception {
        Path sorted = dir.resolve("sorted");
        Path input = dir.resolve("input");
        Path csv = write("stays.csv", GOOD);
        assertThat(run(csv, sorted).status).isZero();
        Result r = run(csv, input, "--layout", "input", "--threads", "3");
        assertThat(r.status).as(r.err).isZero();
        assertThat(r.out).contains("8 rows in, 4 out, 4 quarantined");
        assertThat(manifest(input).path("layout").toString()).isEqualTo("{\"order\":\"input\",\"partitioning\":\"none\",\"parts\":3}");
        assertThat(manifest(sorted).path("layout").path("sortedBy").asText()).isEqualTo("csns");
        assertThat(OutputReader.rows(input)).containsExactlyInAnyOrderElementsOf(OutputReader.rows(sorted));
        assertThat(Files.readString(input.resolve("quarantine.csv"))).isEqualTo(Files.readString(sorted.resolve("quarantine.csv")));
        assertThat(cli("verify", input.toString()).status).isZero();
        assertNoNirAnywhere(input, r);

        Result unknown = run(csv, dir.resolve("other"), "--layout", "random");
        assertThat(unknown.status).isEqualTo(2);
        assertThat(unknown.err).contains("unknown layout 'random' (expected csns or input)");
        assertNothingLeftBehind(dir.resolve("other"));
    }

    @Test
    void usageAndSchemaErrorsExitWith2WithoutStackTraces() throws Exception {
        assertThat(cli("run", "--input", "x.csv").status).isEqualTo(2);
        assertThat(cli("frobnicate").status).isEqualTo(2);
        assertThat(cli().status).isEqualTo(2);
        Files.writeString(dir.resolve("schema.yaml"), "dataset: d\ncolumns:\n  - {name: nir, role: boss}\n");
        Result bad = run(write("stays.csv", GOOD), dir.resolve("out"));
        assertThat(bad.status).isEqualTo(2);
        assertThat(bad.err).contains("column 'nir': unknown role 'boss'").doesNotContain("\tat ");
    }

    @Test
    void verifyDetectsTampering() throws Exception {
        Path out = dir.resolve("out");
        assertThat(run(write("stays.csv", GOOD), out).status).isZero();
        Files.writeString(out.resolve("quarantine.csv"), "row,column,reason\n");
        Result r = cli("verify", out.toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("quarantine.csv: SHA-256 does not match");
        assertThat(cli("verify", dir.toString()).status).isEqualTo(2);
    }

    @Test
    void rekeyRenewsCsnsWithoutTheNirs() throws Exception {
        Path ks = dir.resolve("rotating.bcfks");
        assertThat(cli("keygen", "--keystore", ks.toString(), "--key-id", "rot").status).isZero();
        Files.writeString(dir.resolve("schema.yaml"), SCHEMA);
        Path in = write("stays.csv", GOOD);
        Path v1 = dir.resolve("v1");
        String[] runV1 = {"run", "--input", in.toString(), "--schema", dir.resolve("schema.yaml").toString(),
            "--keystore", ks.toString(), "--output", v1.toString()};
        assertThat(cli(runV1).status).isZero();

        Result already = cli("rekey", "--input", v1.toString(), "--keystore", ks.toString(), "--output",
            dir.resolve("v2").toString());
        assertThat(already.status).isEqualTo(2);
        assertThat(already.err).contains("keygen --rotate");

        assertThat(cli("keygen", "--keystore", ks.toString(), "--rotate").out).contains("version 2");
        Path v2 = dir.resolve("v2");
        Result rk = cli("rekey", "--input", v1.toString(), "--keystore", ks.toString(), "--output", v2.toString());
        assertThat(rk.status).as(rk.err).isZero();
        assertThat(cli("verify", v2.toString()).status).isZero();
        JsonNode m = manifest(v2);
        assertThat(m.path("key").path("version").asInt()).isEqualTo(2);
        assertThat(m.path("rekeyedFrom").path("keyVersion").asInt()).isEqualTo(1);

        Path fresh = dir.resolve("fresh");
        String[] runV2 = runV1.clone();
        runV2[runV2.length - 1] = fresh.toString();
        assertThat(cli(runV2).status).isZero();
        Set<Object> rekeyed = new HashSet<>(OutputReader.rows(v2).stream().map(x -> x.get("csns")).toList());
        Set<Object> direct = new HashSet<>(OutputReader.rows(fresh).stream().map(x -> x.get("csns")).toList());
        Set<Object> old = new HashSet<>(OutputReader.rows(v1).stream().map(x -> x.get("csns")).toList());
        assertThat(rekeyed).isEqualTo(direct).doesNotContainAnyElementsOf(old);
    }
}
