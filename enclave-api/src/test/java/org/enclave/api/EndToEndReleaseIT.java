package org.enclave.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.enclave.api.job.RealLake;
import org.enclave.api.release.FixtureAggregateOutputs;
import org.enclave.api.release.ReleasePublicKey;
import org.enclave.api.release.ReleaseVerifier;
import org.enclave.api.release.ReleaseVerifyCommand;
import org.enclave.api.release.Tables;
import org.enclave.api.support.EnclaveIT;
import org.enclave.api.support.Fixtures;
import org.enclave.api.workspace.WorkspaceId;
import org.enclave.api.workspace.WorkspaceService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #6, end to end through the HTTP API, with the shared embedded PostgreSQL, a dataset written by
 * {@code bin/pseudonymiser} and real {@code bin/enclave-compute} jobs: the steward registers the
 * dataset; a researcher applies and the committee approves; the researcher opens a workspace, runs an
 * aggregate job and requests its release; two checkers approve; the researcher releases, downloads the
 * signed package and verifies it with the published key. Along the same flow, each refusal: wrong
 * project, expired workspace, the author and a member reviewing, one vote only, a failing table, a
 * differencing flag, a tampered package.
 *
 * <p>Two real compute jobs serve every assertion (each takes ~10 s): the table of stays by region, and
 * the same table over a nested population three persons smaller.
 */
@EnclaveIT
class EndToEndReleaseIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TABLE = "e2e_stays";
    private static final String COUNT_BY_REGION = """
            {"sql":"SELECT s.pid, s.region FROM %s s%s","output":{"kind":"aggregate","unit":"pid","groupBy":["region"],
             "measures":[{"fn":"count"}],"margins":true}}""";

    @Autowired MockMvc mvc;
    @Autowired Fixtures fx;
    @Autowired WorkspaceService workspaces;
    @Autowired FixtureAggregateOutputs fixtureOutputs;
    @TempDir Path tmp;

    @AfterEach
    void resetClock() {
        fx.clock.reset();
    }

    @Test
    void pseudonymisedDataToAVerifiedReleasePackageAndEveryRefusalOnTheWay() throws Exception {
        long started = System.nanoTime();
        RealLake.requireJars();
        Stays stays = Stays.generate();

        // --- The steward registers the pseudonymised dataset, with the columns the pseudonymiser wrote.
        String location = RealLake.pseudonymise(fx.lake(), Path.of("target/it-home/e2e-pseudonymiser-work").toAbsolutePath(),
                TABLE, stays.csv(), Stays.SCHEMA);
        JsonNode manifest = JSON.readTree(Files.readString(fx.lake().resolve(location).resolve("manifest.json")));
        assertThat(manifest.at("/rows/in").asLong()).isEqualTo(stays.rows());
        assertThat(manifest.at("/rows/quarantined").asLong()).isZero();
        String dataset = call(post("/api/datasets"), "sam", 201, """
                {"name":"%s","description":"hospital stays","owner":"DREES","sensitivity":"MODERATE","licence":"l","retentionDays":365}"""
                .formatted(TABLE)).path("id").asString();
        StringBuilder columns = new StringBuilder();
        for (JsonNode c : manifest.at("/schema/columns")) {
            columns.append(columns.isEmpty() ? "" : ",").append("""
                    {"name":"%s","type":"%s","role":"%s"}""".formatted(c.path("name").asString(), c.path("type").asString(),
                    c.path("role").asString()));
        }
        call(post("/api/datasets/" + dataset + "/versions"), "sam", 201,
                "{\"location\":\"" + location + "\",\"columns\":[" + columns + "]}");

        // --- alice applies (bob is a member), the committee approves; rachel has a project of her own.
        String project = approvedProject("alice", "[\"bob\"]", dataset, "carol");
        String rachelsProject = approvedProject("rachel", "[]", dataset, "dave");

        // --- alice opens a workspace and runs both jobs (the runner takes them one after the other).
        WorkspaceId w = WorkspaceId.of(call(post("/api/projects/" + project + "/workspaces"), "alice", 201,
                "{\"until\":\"" + fx.clock.instant().plus(Duration.ofDays(7)) + "\"}").path("id").asString());
        String byRegion = submitJob(w, "");
        String nested = submitJob(w, " WHERE s.age <> '80+'"); // the three oldest persons, all in region 11, left out
        JsonNode job = awaitJob(byRegion);
        assertThat(job.path("policy").asString()).isEqualTo("standard"); // MODERATE
        assertThat(job.at("/sdc/evaluation/status").asString()).isEqualTo("pass");
        assertThat(job.at("/sdc/evaluation/withheld").asInt()).isEqualTo(2);

        // --- alice requests the release of its output.
        String r1 = createRequest(w, "alice", 201).path("id").asString();
        JsonNode draft = putOutput(r1, "by_region", byRegion, "alice", 200);
        assertThat(draft.at("/outputs/0/verdict").asString()).isEqualTo("pass");
        assertThat(draft.at("/outputs/0/summary").asString()).isEqualTo("1 cell suppressed: threshold 1; 1 secondary");
        assertThat(draft.at("/outputs/0/computeVerdict").asString()).isEqualTo("pass");
        assertThat(draft.at("/outputs/0/datasets/0").asString()).isEqualTo(TABLE + "@v1");

        // Refused: wrong project. rachel may not open a request on alice's workspace, nor add alice's job
        // to a request of her own project.
        refused(createRequest(w, "rachel", 403), "forbidden");
        WorkspaceId rachels = WorkspaceId.of(call(post("/api/projects/" + rachelsProject + "/workspaces"), "rachel", 201,
                "{\"until\":\"" + fx.clock.instant().plus(Duration.ofDays(7)) + "\"}").path("id").asString());
        String rachelsRequest = createRequest(rachels, "rachel", 201).path("id").asString();
        refused(putOutput(rachelsRequest, "borrowed", byRegion, "rachel", 400), "invalid-request");
        refused(call(get("/api/jobs/" + byRegion), "rachel", 403, null), "forbidden");

        assertThat(call(post("/api/releases/" + r1 + "/submit"), "alice", 200, null).path("state").asString()).isEqualTo("SUBMITTED");

        // Refused: the author and another member of the project never review it.
        refused(vote(r1, "alice", "APPROVE", 403), "forbidden");
        refused(vote(r1, "bob", "APPROVE", 403), "forbidden");

        // Refused: one approval is not a decision; nothing is released on it.
        assertThat(vote(r1, "chris", "APPROVE", 200).path("state").asString()).isEqualTo("PARTIALLY_REVIEWED");
        refused(call(post("/api/releases/" + r1 + "/release"), "alice", 409, null), "conflict");
        assertThat(call(get("/api/releases/" + r1), "alice", 200, null).path("state").asString()).isEqualTo("PARTIALLY_REVIEWED");

        // --- The second checker approves: APPROVED; alice releases and downloads the package.
        assertThat(vote(r1, "chloe", "APPROVE", 200).path("state").asString()).isEqualTo("APPROVED");
        assertThat(call(post("/api/releases/" + r1 + "/release"), "alice", 200, null).path("state").asString()).isEqualTo("RELEASED");
        MockHttpServletResponse download = raw(get("/api/releases/" + r1 + "/package"), "alice", null);
        assertThat(download.getStatus()).isEqualTo(200);
        assertThat(download.getContentType()).isEqualTo("application/zip");
        byte[] zip = download.getContentAsByteArray();

        // The CSV masks exactly the small region (primary) and the one secondary that protects it.
        assertThat(entry(zip, "tables/by_region.csv")).isEqualTo(stays.expectedCsv(Map.of(), Set.of(Stays.SMALL, Stays.SECONDARY)));
        JsonNode record = JSON.readTree(entry(zip, "sdc-record.json"));
        assertThat(record.at("/outputs/0/jobId").asString()).isEqualTo(byRegion);
        assertThat(record.at("/outputs/0/counts/primary").asInt()).isEqualTo(1);
        assertThat(record.at("/outputs/0/counts/secondary").asInt()).isEqualTo(1);
        assertThat(record.at("/review/votes").size()).isEqualTo(2);

        // Verified with the key published without a token: the verifier and the release-verify command.
        MockHttpServletResponse pem = mvc.perform(get("/api/releases/public-key")).andReturn().getResponse();
        assertThat(pem.getStatus()).isEqualTo(200);
        Path keyFile = Files.writeString(tmp.resolve("enclave-release.pub"), pem.getContentAsString());
        Path zipFile = Files.write(tmp.resolve("release-" + r1 + ".zip"), zip);
        ReleasePublicKey key = ReleasePublicKey.parse(Files.readString(keyFile));
        ReleaseVerifier.Result verified = ReleaseVerifier.verify(zipFile, key);
        assertThat(verified.valid()).as(verified.summary()).isTrue();
        assertThat(verifyCommand(zipFile, keyFile)).startsWith("0 valid: ");

        // Refused: a tampered copy (a withheld cell filled in) no longer verifies, and the CSV is named.
        Path tampered = Files.write(tmp.resolve("tampered.zip"), replace(zip, "tables/by_region.csv",
                stays.expectedCsv(Map.of(Stays.SMALL, 7L), Set.of(Stays.SECONDARY))));
        assertThat(ReleaseVerifier.verify(tampered, key).problem()).isEqualTo("checksum mismatch: tables/by_region.csv has been changed");
        assertThat(verifyCommand(tampered, keyFile)).isEqualTo("1 INVALID: checksum mismatch: tables/by_region.csv has been changed");

        // --- The nested population, requested after the first release, beside a table that fails the policy.
        awaitJob(nested);
        String r2 = createRequest(w, "alice", 201).path("id").asString();
        assertThat(putOutput(r2, "smaller", nested, "alice", 200).at("/outputs/0/verdict").asString()).isEqualTo("pass");
        // compute publishes counts, sums and means only, whose primaries secondary suppression can always
        // protect (withholding more is always feasible): no real job's table fails. The failing table is
        // therefore a fixture output of this workspace (a maximum, refused by the standard tier's extremes rule).
        UUID maxima = fixtureOutputs.add(workspaces.find(w).orElseThrow(), Tables.FAILS);
        assertThat(putOutput(r2, "maxima", maxima.toString(), "alice", 200).at("/outputs/1/verdict").asString()).isEqualTo("fail");
        JsonNode forAlice = call(post("/api/releases/" + r2 + "/submit"), "alice", 200, null);
        assertThat(forAlice.has("differencing")).as("the difference is disclosive: not for the author").isFalse();
        assertThat(forAlice.toString()).doesNotContain("NESTED_POPULATIONS");

        // Differencing: flagged for the checkers, with the group and its few units.
        JsonNode flags = call(get("/api/releases/" + r2), "chris", 200, null).path("differencing");
        assertThat(flags.findValuesAsString("pattern")).containsOnly("NESTED_POPULATIONS");
        assertThat(flags.findValuesAsString("left")).containsOnly("this request: smaller");
        assertThat(flags.findValuesAsString("right")).containsOnly("release " + r1 + ": by_region");
        assertThat(flags.findValues("units")).hasSize(2).allSatisfy(u -> assertThat(u.asLong()).isEqualTo(Stays.EXCLUDED));
        assertThat(call(get("/api/releases/" + r2), "alice", 200, null).toString()).doesNotContain("NESTED_POPULATIONS");

        // Refused: a request with a failing table cannot be approved.
        JsonNode cannotApprove = vote(r2, "chris", "APPROVE", 409);
        refused(cannotApprove, "conflict");
        assertThat(cannotApprove.path("detail").asString()).contains("output maxima fails the disclosure policy")
                .contains("can only be returned or rejected");
        vote(r2, "chris", "REJECT", 200);
        assertThat(vote(r2, "chloe", "REJECT", 200).path("state").asString()).isEqualTo("REJECTED");

        // --- Refused: once the workspace has expired (the clock decides, before any sweep), the author
        // can neither create nor submit a request from it.
        String r3 = createRequest(w, "alice", 201).path("id").asString();
        putOutput(r3, "smaller", nested, "alice", 200);
        fx.clock.advance(Duration.ofDays(8));
        refused(call(post("/api/releases/" + r3 + "/submit"), "alice", 409, null), "conflict");
        refused(createRequest(w, "alice", 409), "conflict");
        refused(putOutput(r3, "again", byRegion, "alice", 409), "conflict");
        assertThat(call(get("/api/releases/" + r3), "alice", 200, null).path("state").asString()).isEqualTo("DRAFT");
        // What was released stays the author's to download: the package is already outside the enclave.
        assertThat(raw(get("/api/releases/" + r1 + "/package"), "alice", null).getContentAsByteArray()).isEqualTo(zip);

        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.println("EndToEndReleaseIT: flow and refusals in " + seconds + " s");
    }

    // ---- the flow's requests -------------------------------------------------------------------------

    /** A project applied for by {@code author} with {@code members}, submitted and approved by {@code decider}. */
    private String approvedProject(String author, String members, String dataset, String decider) throws Exception {
        Instant now = fx.clock.instant();
        String id = call(post("/api/projects"), author, 201, """
                {"title":"Stays by region","purpose":"hospital use by region","legalBasis":"RGPD art. 6(1)(e) and 9(2)(j)",
                 "members":%s,"requestedFrom":"%s","requestedUntil":"%s","datasets":[{"datasetId":"%s","columns":["age","region"]}]}"""
                .formatted(members, now, now.plus(Duration.ofDays(60)), dataset)).path("id").asString();
        call(post("/api/projects/" + id + "/submit"), author, 200, null);
        call(post("/api/projects/" + id + "/approve"), decider, 200, """
                {"validFrom":"%s","validUntil":"%s","reason":"meets the criteria","columns":[{"datasetId":"%s","columns":["age","region"]}]}"""
                .formatted(now.minusSeconds(1), now.plus(Duration.ofDays(60)), dataset));
        return id;
    }

    private String submitJob(WorkspaceId w, String where) throws Exception {
        return call(post("/api/workspaces/" + w + "/jobs"), "alice", 201, COUNT_BY_REGION.formatted(TABLE, where)).path("id").asString();
    }

    /** Polls the job over HTTP until it ends; it must have SUCCEEDED. */
    private JsonNode awaitJob(String id) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            JsonNode job = call(get("/api/jobs/" + id), "alice", 200, null);
            String state = job.path("state").asString();
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                assertThat(state).as(job.toString()).isEqualTo("SUCCEEDED");
                return job;
            }
            assertThat(System.nanoTime()).as("job %s still %s", id, state).isLessThan(end);
            Thread.sleep(250);
        }
    }

    private JsonNode createRequest(WorkspaceId w, String user, int status) throws Exception {
        return call(post("/api/releases"), user, status, """
                {"workspaceId":"%s","context":"hospital stays by region","controls":"cells of fewer than 10 persons suppressed"}"""
                .formatted(w));
    }

    private JsonNode putOutput(String request, String name, String job, String user, int status) throws Exception {
        return call(put("/api/releases/" + request + "/outputs/" + name), user, status, "{\"jobId\":\"" + job + "\"}");
    }

    private JsonNode vote(String request, String user, String decision, int status) throws Exception {
        return call(post("/api/releases/" + request + "/votes"), user, status,
                "{\"decision\":\"" + decision + "\",\"reason\":\"checked, " + decision.toLowerCase() + "\"}");
    }

    /** Runs {@code release-verify}; answers its exit code and its first line of output. */
    private static String verifyCommand(Path pkg, Path key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = ReleaseVerifyCommand.run(new String[] {"release-verify", "--package", pkg.toString(), "--public-key", key.toString()},
                print, print);
        return exit + " " + out.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    // ---- HTTP ----------------------------------------------------------------------------------------

    private MockHttpServletResponse raw(MockHttpServletRequestBuilder request, String user, String body) throws Exception {
        request.header("Authorization", fx.bearer(user));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private JsonNode call(MockHttpServletRequestBuilder request, String user, int status, String body) throws Exception {
        MockHttpServletResponse response = raw(request, user, body);
        String text = response.getContentAsString();
        assertThat(response.getStatus()).as(text).isEqualTo(status);
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
        return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
    }

    /** A refusal is an RFC 9457 problem of the given type. */
    private static void refused(JsonNode problem, String type) {
        assertThat(problem.path("type").asString()).as(problem.toString()).isEqualTo("/problems/" + type);
        assertThat(problem.path("detail").asString()).isNotBlank();
    }

    // ---- the package -------------------------------------------------------------------------------

    private static String entry(byte[] zip, String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no entry " + name);
    }

    private static byte[] replace(byte[] zip, String name, String content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip)); ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(e.getName().equals(name) ? content.getBytes(StandardCharsets.UTF_8) : in.readAllBytes());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    // ---- the data ----------------------------------------------------------------------------------

    /**
     * Stays of 85 persons, each with one to three stays, all in one region: 40 in region 11 (three of them
     * aged 80 or more, the only ones), 25 in 24, 14 in 75 and 6 in 93. Under the standard policy region 93
     * (6 persons, fewer than 10) is the primary cell; the table has its total, so one more category must
     * be withheld, and the cheapest is the smallest published one, region 75. Leaving out the three oldest
     * persons changes only region 11 and the total, by 3 persons: below the threshold, a differencing flag.
     *
     * @param csv      the input of {@code bin/pseudonymiser}
     * @param stays    stays (rows) per region, in the table's order
     */
    private record Stays(String csv, Map<String, Long> stays) {

        static final String SMALL = "93";
        static final String SECONDARY = "75";
        static final long EXCLUDED = 3;
        static final String SCHEMA = """
                dataset: stays
                columns:
                  - {name: nir, role: identifier, kind: nir}
                  - {name: age, role: quasi, type: int, generalise: {band: 10, top: 80}}
                  - {name: region, role: quasi, type: string, generalise: none}
                """;

        static Stays generate() {
            Random random = new Random(6);
            Map<String, Integer> persons = new LinkedHashMap<>();
            persons.put("11", 40);
            persons.put("24", 25);
            persons.put(SECONDARY, 14);
            persons.put(SMALL, 6);
            Map<String, Long> stays = new LinkedHashMap<>();
            Set<String> nirs = new HashSet<>();
            StringBuilder csv = new StringBuilder("nir,age,region\n");
            for (Map.Entry<String, Integer> region : persons.entrySet()) {
                for (int p = 0; p < region.getValue(); p++) {
                    String nir;
                    do {
                        nir = RealLake.nir(random);
                    } while (!nirs.add(nir));
                    boolean old = region.getKey().equals("11") && p < EXCLUDED;
                    int age = old ? 80 + random.nextInt(15) : 18 + random.nextInt(62);
                    int n = 1 + random.nextInt(3);
                    for (int s = 0; s < n; s++) {
                        csv.append(nir).append(',').append(age).append(',').append(region.getKey()).append('\n');
                    }
                    stays.merge(region.getKey(), (long) n, Long::sum);
                }
            }
            return new Stays(csv.toString(), stays);
        }

        long rows() {
            return stays.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The released CSV: regions in order, then the total; {@code withheld} regions masked, {@code forged} values as given. */
        String expectedCsv(Map<String, Long> forged, Set<String> withheld) {
            StringBuilder out = new StringBuilder("region,margin,count,status\n");
            stays.forEach((region, n) -> {
                if (forged.containsKey(region)) {
                    out.append(region).append(",false,").append(forged.get(region)).append(",ok\n");
                } else if (withheld.contains(region)) {
                    out.append(region).append(",false,,suppressed\n");
                } else {
                    out.append(region).append(",false,").append(n).append(",ok\n");
                }
            });
            return out.append(",true,").append(rows()).append(",ok\n").toString();
        }
    }
}
