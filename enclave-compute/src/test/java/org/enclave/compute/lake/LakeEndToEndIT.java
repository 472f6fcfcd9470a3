package org.enclave.compute.lake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.enclave.compute.cli.ComputeCli;
import org.enclave.compute.runner.SparkSessions;
import org.enclave.compute.views.ProjectPseudonyms;
import org.enclave.pseudonymiser.cli.PseudonymiserCli;
import org.enclave.pseudonymiser.csns.CsnsEncoding;
import org.enclave.pseudonymiser.csns.CsnsFunction;
import org.enclave.pseudonymiser.key.KeyStoreFile;
import org.enclave.pseudonymiser.key.MasterKeyChain;
import org.enclave.pseudonymiser.key.ProjectKey;
import org.enclave.pseudonymiser.nir.Nir;
import org.enclave.pseudonymiser.project.ProjectPseudonymiser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Across modules, with no stand-in: the real pseudonymiser (keygen, then a run over a generated CSV with
 * valid NIRs and one invalid) writes a lake folder (Parquet parts, {@code manifest.json},
 * {@code quarantine.csv}); compute jobs then read that folder with the real project pseudonym
 * ({@link ProjectPseudonyms#forProjectKey}).
 */
class LakeEndToEndIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "lake end to end password";
    static final Map<String, String> ENV = Map.of("ENCLAVE_KEYSTORE_PASSWORD", PASSWORD);
    static final byte[] PROJECT_KEY = new byte[32];
    static final String SCHEMA = """
            dataset: stays
            columns:
              - {name: nir,    role: identifier, kind: nir}
              - {name: region, role: attribute, type: string}
              - {name: cost,   role: attribute, type: decimal, scale: 2}
            """;
    /** North: persons 1-3 (person 1 twice), South: persons 4-5 (person 4 with a negative correction). */
    static final String[][] STAYS = {
            {"1", "North", "100.00"}, {"1", "North", "50.00"}, {"2", "North", "30.00"}, {"3", "North", "20.00"},
            {"4", "South", "400.00"}, {"4", "South", "-10.00"}, {"5", "South", "70.00"}, {"1", "South", "5.00"}};

    static {
        for (int i = 0; i < PROJECT_KEY.length; i++) {
            PROJECT_KEY[i] = (byte) (7 * i + 3);
        }
    }

    @TempDir
    static Path dir;
    static Path keystore;
    static Path lake;
    static SparkSession spark;

    /** A valid NIR for person {@code n}: a 13-digit body and its key, 97 - (body mod 97). */
    static String nir(int n) {
        String body = "1850175001" + String.format("%03d", n);
        return body + String.format("%02d", 97 - Long.parseLong(body) % 97);
    }

    @BeforeAll
    static void pseudonymise() throws Exception {
        keystore = dir.resolve("master.bcfks");
        assertThat(pseudonymiser("keygen", "--keystore", keystore.toString(), "--key-id", "it-key")).isZero();
        StringBuilder csv = new StringBuilder("nir,region,cost\n");
        for (String[] stay : STAYS) {
            csv.append(nir(Integer.parseInt(stay[0]))).append(',').append(stay[1]).append(',').append(stay[2]).append('\n');
        }
        csv.append("185017500100199,North,1.00\n"); // wrong check key: quarantined
        Path input = Files.writeString(dir.resolve("stays.csv"), csv);
        Path schema = Files.writeString(dir.resolve("schema.yaml"), SCHEMA);
        lake = dir.resolve("lake/stays/v1");
        assertThat(pseudonymiser("run", "--input", input.toString(), "--schema", schema.toString(), "--keystore",
                keystore.toString(), "--output", lake.toString(), "--no-progress")).isZero();
        spark = SparkSessions.start("local[2]");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static int pseudonymiser(String... args) {
        StringWriter err = new StringWriter();
        int status = PseudonymiserCli.execute(args, ENV, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(status).as(err.toString()).isZero();
        return status;
    }

    static byte[] expectedPid(int person) throws Exception {
        MasterKeyChain keys = new KeyStoreFile(keystore).load(PASSWORD.toCharArray());
        byte[] csns = CsnsFunction.latest(keys, CsnsEncoding.V1).csns(Nir.parse(nir(person)));
        return ProjectPseudonymiser.of(new ProjectKey("it", PROJECT_KEY.clone())).pid(csns);
    }

    JsonNode run(String name, String sql, String output) throws Exception {
        return run(lake, name, sql, output);
    }

    JsonNode run(Path table, String name, String sql, String output) throws Exception {
        Path out = dir.resolve("jobs/" + name);
        Path spec = Files.writeString(dir.resolve(name + ".json"), """
                {"specVersion": 1,
                 "tables": [{"name": "stays", "path": "%s", "columns": ["csns", "region", "cost"]}],
                 "sql": %s, "output": %s, "policy": "standard",
                 "limits": {"seconds": 120, "maxRows": 100}, "outputDir": "%s"}
                """.formatted(table.toUri(), JSON.writeValueAsString(sql), output, out));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String key = Base64.getEncoder().encodeToString(PROJECT_KEY) + "\n";
        int exit = ComputeCli.execute(new String[] {"run", "--spec", spec.toString(), "--master", "local[2]"},
                new ByteArrayInputStream(key.getBytes(StandardCharsets.US_ASCII)), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), ProjectPseudonyms::forProjectKey);
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8) + report).isZero();
        return report;
    }

    @Test
    void theLakeFolderHoldsMoreThanParquetAndStillReads() throws Exception {
        try (var files = Files.list(lake)) {
            Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            assertThat(names).contains("manifest.json", "quarantine.csv").anyMatch(n -> n.endsWith(".parquet"));
        }
        assertThat(JSON.readTree(lake.resolve("manifest.json").toFile()).toString()).contains("\"quarantined\":1");
        JsonNode report = run("count", "SELECT pid, region FROM stays", "{\"kind\": \"rows\"}");
        assertThat(report.at("/output/rows").asInt()).isEqualTo(STAYS.length);
    }

    @Test
    void rowsCarryTheProjectPseudonymOfEachNir() throws Exception {
        JsonNode report = run("rows", "SELECT pid, region, cost FROM stays", "{\"kind\": \"rows\"}");
        assertThat(report.get("status").asText()).isEqualTo("succeeded");
        List<String> pids = spark.read().parquet(dir.resolve("jobs/rows/result.parquet").toString()).collectAsList().stream()
                .map(r -> HexFormat.of().formatHex((byte[]) r.getAs("pid"))).toList();
        List<String> expected = new ArrayList<>();
        for (String[] stay : STAYS) {
            expected.add(HexFormat.of().formatHex(expectedPid(Integer.parseInt(stay[0]))));
        }
        assertThat(pids).containsExactlyInAnyOrderElementsOf(expected);
    }

    static final String AGGREGATE_BY_REGION = """
            {"kind": "aggregate", "unit": "pid", "groupBy": ["region"],
             "measures": [{"fn": "count"}, {"fn": "sum", "column": "cost"}], "margins": true}
            """;

    /** Person 1 is in both regions: one unit of the total, contributing 100 + 50 + 5. */
    static final String CELLS_BY_REGION = """
            [{"key":["North"],"units":3,"rows":4,"total":200.0,"top":[150.0,30.0],"negatives":0,"missing":0},
             {"key":["South"],"units":3,"rows":4,"total":465.0,"top":[390.0,70.0],"negatives":0,"missing":0},
             {"key":[null],"units":5,"rows":8,"total":665.0,"top":[390.0,155.0],"negatives":0,"missing":0}]
            """;

    /**
     * Run twice: as a small input (no code generation, so Spark's scan gives rows) and as a large one
     * (the scan's column batches are read directly); the same cells both ways.
     */
    @Test
    void aggregateCellsAreThePerPersonStatistics() throws Exception {
        for (String reader : List.of("rows", "column-batches")) {
            String before = System.getProperty(SparkSessions.SMALL_INPUT_PROPERTY);
            if (reader.equals("column-batches")) {
                System.setProperty(SparkSessions.SMALL_INPUT_PROPERTY, "0");
            }
            JsonNode report;
            try {
                report = run("agg-" + reader, "SELECT pid, region, cost FROM stays", AGGREGATE_BY_REGION);
            } finally {
                if (before == null) {
                    System.clearProperty(SparkSessions.SMALL_INPUT_PROPERTY);
                } else {
                    System.setProperty(SparkSessions.SMALL_INPUT_PROPERTY, before);
                }
            }
            assertThat(report.at("/sdc/table/cells").toString()).as(reader).isEqualTo(JSON.readTree(CELLS_BY_REGION).toString());
            // The pseudonymiser writes in CSNS order: the statistics ran in one pass, over the CSNS.
            assertThat(report.at("/output/execution").toString())
                    .isEqualTo("{\"unit\":\"csns\",\"statistics\":\"sorted-stream\",\"reader\":\"" + reader + "\"}");
        }
    }

    /** A lake written with {@code --layout input} (not in CSNS order) gives the same cells, by whichever path. */
    @Test
    void aLakeInInputOrderGivesTheSameCells() throws Exception {
        Path unsorted = dir.resolve("lake/stays/v1-input");
        assertThat(pseudonymiser("run", "--input", dir.resolve("stays.csv").toString(), "--schema", dir.resolve("schema.yaml").toString(),
                "--keystore", keystore.toString(), "--output", unsorted.toString(), "--layout", "input", "--threads", "2",
                "--no-progress")).isZero();
        JsonNode report = run(unsorted, "agg-input", "SELECT pid, region, cost FROM stays", AGGREGATE_BY_REGION);
        assertThat(report.at("/sdc/table/cells").toString()).isEqualTo(JSON.readTree(CELLS_BY_REGION).toString());
        assertThat(report.at("/output/execution/statistics").asText()).isIn("sorted-stream", "shuffle");
    }
}
