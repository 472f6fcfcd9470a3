package org.enclave.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.enclave.api.project.ProjectId;
import org.enclave.api.project.ProjectKey;
import org.enclave.api.project.ProjectKeyVault;
import org.enclave.api.support.EnclaveIT;
import org.enclave.api.support.Fixtures;
import org.enclave.api.workspace.WorkspaceId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs end to end through HTTP, with real compute processes on a real pseudonymised dataset
 * (bin/pseudonymiser output registered through the catalogue). Real Spark jobs are few (an
 * aggregate, a rows job, a timeout) and each one serves several assertions.
 */
@EnclaveIT
class JobsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String AGGREGATE = """
            {"sql":"SELECT s.pid, s.region, s.cost FROM %s s","output":{"kind":"aggregate","unit":"pid","groupBy":["region"],
             "measures":[{"fn":"count"},{"fn":"sum","column":"cost"}],"margins":true}}""".formatted(RealLake.TABLE);
    private static final String ROWS = """
            {"sql":"SELECT pid, age, region FROM %s","output":{"kind":"rows"}}""".formatted(RealLake.TABLE);

    /** Shared by the tests of this class: one dataset and one approved project. */
    private static ProjectId project;

    @Autowired MockMvc mvc;
    @Autowired Fixtures fx;
    @Autowired JobRepository repository;
    @Autowired JobExecutions executions;
    @Autowired JobRunner runner;
    @Autowired JobOutputs outputs;
    @Autowired ProjectKeyVault vault;
    @Autowired JdbcClient jdbc;
    @Autowired org.enclave.api.workspace.WorkspaceService workspaces;

    private final StringBuilder responses = new StringBuilder();

    @BeforeEach
    void dataAndProject() throws Exception {
        if (project != null) {
            return;
        }
        RealLake.requireJars();
        String location = RealLake.pseudonymise(fx.lake(), Path.of("target/it-home/pseudonymiser-work").toAbsolutePath());
        JsonNode dataset = call(post("/api/datasets"), "sam", 201, """
                {"name":"%s","description":"stays","owner":"DREES","sensitivity":"MODERATE","licence":"l","retentionDays":365}"""
                .formatted(RealLake.TABLE));
        String id = dataset.path("id").asString();
        // The manifest's own spelling of the types (IMPORTANT: LakeManifest must accept it as is).
        call(post("/api/datasets/" + id + "/versions"), "sam", 201, """
                {"location":"%s","columns":[
                  {"name":"csns","type":"fixed_len_byte_array(32)","role":"identifier"},
                  {"name":"age","type":"binary(string)","role":"quasi"},
                  {"name":"region","type":"binary(string)","role":"quasi"},
                  {"name":"cost","type":"int64(decimal(18,2))","role":"attribute"}]}""".formatted(location));
        Instant now = fx.clock.instant();
        JsonNode p = call(post("/api/projects"), "alice", 201, """
                {"title":"Costs by region","purpose":"p","legalBasis":"l","requestedFrom":"%s","requestedUntil":"%s",
                 "datasets":[{"datasetId":"%s","columns":["age","region","cost"]}]}"""
                .formatted(now, now.plus(Duration.ofDays(60)), id));
        project = ProjectId.of(p.path("id").asString());
        call(post("/api/projects/" + project + "/submit"), "alice", 200, null);
        call(post("/api/projects/" + project + "/approve"), "carol", 200, """
                {"validFrom":"%s","validUntil":"%s","reason":"ok","columns":[{"datasetId":"%s","columns":["age","region","cost"]}]}"""
                .formatted(now.minusSeconds(1), now.plus(Duration.ofDays(60)), id));
    }

    @AfterEach
    void reset() {
        fx.clock.reset();
        runner.resume();
    }

    private WorkspaceId workspace() throws Exception {
        JsonNode w = call(post("/api/projects/" + project + "/workspaces"), "alice", 201,
                "{\"until\":\"" + fx.clock.instant().plus(Duration.ofDays(7)) + "\"}");
        return WorkspaceId.of(w.path("id").asString());
    }

    private JobId submit(WorkspaceId w, String body) throws Exception {
        return JobId.of(call(post("/api/workspaces/" + w + "/jobs"), "alice", 201, body).path("id").asString());
    }

    @Test
    void aggregateRowsRefusedTimeoutQueueingAndNoKeyAnywhere() throws Exception {
        WorkspaceId w = workspace();
        JobId aggregate = submit(w, AGGREGATE);
        JobId rows = submit(w, ROWS);
        JobId dropped = submit(w, ROWS);
        assertThat(call(post("/api/jobs/" + dropped + "/cancel"), "alice", 200, null).path("state").asString()).isEqualTo("CANCELLED");
        JobId refused = submit(w, """
                {"sql":"SELECT pid,\\n       reflect('java.lang.System', 'exit', 1) FROM %s","output":{"kind":"rows"}}"""
                .formatted(RealLake.TABLE));
        JobId slow = submit(w, AGGREGATE.replace("\"margins\":true}", "\"margins\":true},\"limitSeconds\":1"));

        // max-concurrent = 1: while the first job runs, the second waits.
        await(aggregate, Set.of(JobState.RUNNING, JobState.SUCCEEDED, JobState.FAILED), 60);
        if (state(aggregate) == JobState.RUNNING) {
            assertThat(state(rows)).isEqualTo(JobState.QUEUED);
        }
        await(aggregate, Set.of(JobState.SUCCEEDED, JobState.FAILED), 120);
        JsonNode done = call(get("/api/jobs/" + aggregate), "alice", 200, null);
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("policy").asString()).isEqualTo("standard");
        assertThat(done.path("sdc").path("policy").asString()).isEqualTo("standard");
        assertThat(done.path("sdc").path("table").path("cells").size()).isEqualTo(5); // 4 regions + the total
        assertThat(done.path("durationMs").asLong()).isPositive();
        assertThat(done.path("allowedMoves").size()).isZero();
        assertThat(done.path("datasets").get(0).path("version").asInt()).isEqualTo(1);

        MockHttpServletResponse sdc = raw(get("/api/jobs/" + aggregate + "/aggregate"), "alice");
        assertThat(sdc.getStatus()).isEqualTo(200);
        assertThat(sdc.getHeader("Cache-Control")).contains("no-store");
        assertThat(raw(get("/api/jobs/" + aggregate + "/aggregate"), "rachel").getStatus()).isEqualTo(403);

        AggregateOutput out = outputs.aggregateOutput(aggregate).orElseThrow();
        assertThat(out.workspaceId()).isEqualTo(w);
        assertThat(out.projectId()).isEqualTo(project);
        assertThat(out.author()).isEqualTo("alice");
        assertThat(out.sqlSha256()).isEqualTo(JobService.sha256(JSON.readTree(AGGREGATE).path("sql").asString()));
        assertThat(out.datasets()).extracting(DatasetUse::name).containsExactly(RealLake.TABLE);
        assertThat(out.policy()).isEqualTo("standard");
        assertThat(out.cellTable().path("dimensions").get(0).asString()).isEqualTo("region");
        assertThat(out.sdcRecord().has("evaluation")).isTrue();
        assertThat(out.outputDir().resolve("result.csv")).exists();
        assertThat(outputs.aggregateOutput(rows)).isEmpty();
        assertThat(outputs.aggregateOutput(JobId.random())).isEmpty();

        await(rows, Set.of(JobState.SUCCEEDED, JobState.FAILED), 120);
        JsonNode rowsJob = call(get("/api/jobs/" + rows), "alice", 200, null);
        assertThat(rowsJob.path("state").asString()).as(rowsJob.toString()).isEqualTo("SUCCEEDED");
        assertThat(rowsJob.path("resultRows").asLong()).isEqualTo(RealLake.ROWS);
        MockHttpServletResponse page = raw(get("/api/jobs/" + rows + "/rows?limit=100000"), "alice");
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getHeader("Cache-Control")).contains("no-store");
        assertThat(page.getHeader("Content-Disposition")).isNull();
        JsonNode first = JSON.readTree(page.getContentAsString());
        assertThat(first.path("rows").size()).isEqualTo(500); // enclave.jobs.rows-page-max, whatever was asked
        assertThat(first.path("columns").findValuesAsString("name")).containsExactly("pid", "age", "region");
        assertThat(first.path("rows").get(0).get(0).asString()).matches("[0-9a-f]{64}");
        JsonNode last = call(get("/api/jobs/" + rows + "/rows?offset=598&limit=10"), "alice", 200, null);
        assertThat(last.path("rows").size()).isEqualTo(2);
        assertThat(raw(get("/api/jobs/" + rows + "/rows"), "rachel").getStatus()).isEqualTo(403);
        assertThat(raw(get("/api/jobs/" + rows + "/rows"), "chris").getStatus()).isEqualTo(403);
        assertThat(raw(get("/api/jobs/" + aggregate + "/rows"), "alice").getStatus()).isEqualTo(409);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'job.rows.viewed' and subject_id = ?")
                .param(rows.toString()).query(Long.class).single()).isEqualTo(2);

        await(refused, Set.of(JobState.FAILED, JobState.SUCCEEDED), 60);
        JsonNode error = call(get("/api/jobs/" + refused), "alice", 200, null).path("error");
        assertThat(error.path("code").asString()).as(error.toString()).isEqualTo("forbidden-function");
        assertThat(error.path("line").asInt()).isEqualTo(2);
        assertThat(error.path("column").asInt()).isPositive();
        assertThat(error.path("rejected").asBoolean()).isTrue();

        await(slow, Set.of(JobState.FAILED, JobState.SUCCEEDED), 120);
        assertThat(call(get("/api/jobs/" + slow), "alice", 200, null).path("error").path("code").asString()).isEqualTo("timeout");
        assertThat(state(dropped)).isEqualTo(JobState.CANCELLED);

        JsonNode list = call(get("/api/workspaces/" + w + "/jobs"), "alice", 200, null);
        assertThat(list.findValuesAsString("id")).containsExactly(aggregate.toString(), rows.toString(), dropped.toString(),
                refused.toString(), slow.toString());

        // After the workspace's end (the clock, not the sweeper), results are no longer shown.
        fx.clock.advance(Duration.ofDays(8));
        assertThat(raw(get("/api/jobs/" + rows + "/rows"), "alice").getStatus()).isEqualTo(409);
        assertThat(raw(get("/api/jobs/" + aggregate + "/aggregate"), "alice").getStatus()).isEqualTo(409);
        fx.clock.reset();

        assertNoKeyAnywhere(List.of(aggregate, rows, refused, slow), w);
    }

    /** The project key (base64 as handed to compute, or hex) is in no spec, log, audit entry or response. */
    private void assertNoKeyAnywhere(List<JobId> jobs, WorkspaceId w) throws Exception {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try (ProjectKey key = vault.unwrap(project)) {
            key.writeBase64To(encoded);
        }
        String base64 = encoded.toString(StandardCharsets.US_ASCII).strip();
        String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
        StringBuilder everything = new StringBuilder(responses);
        for (JobId job : jobs) {
            Path folder = JobExecutions.folder(workspaces, w, job);
            everything.append(Files.readString(folder.resolve("spec.json")));
            everything.append(Files.readString(folder.resolve("compute.log")));
            if (Files.exists(folder.resolve("report.json"))) {
                everything.append(Files.readString(folder.resolve("report.json")));
            }
        }
        everything.append(String.join("\n", jdbc.sql("select cast(a.* as text) from audit_entry a").query(String.class).list()));
        everything.append(String.join("\n", jdbc.sql("select cast(j.* as text) from job j").query(String.class).list()));
        assertThat(everything.length()).isGreaterThan(10_000);
        assertThat(everything.toString()).doesNotContain(base64).doesNotContainIgnoringCase(hex);
    }

    @Test
    void cancelledByTheResearcherOrByClosingTheWorkspace() throws Exception {
        WorkspaceId w = workspace();
        JobId first = submit(w, ROWS);
        await(first, Set.of(JobState.RUNNING), 120);
        JsonNode cancelled = call(post("/api/jobs/" + first + "/cancel"), "alice", 200, null);
        assertThat(cancelled.path("state").asString()).isEqualTo("CANCELLED");
        awaitNoProcess();
        assertThat(state(first)).isEqualTo(JobState.CANCELLED);
        assertThat(raw(post("/api/jobs/" + first + "/cancel"), "alice").getStatus()).isEqualTo(409);

        JobId second = submit(w, ROWS);
        await(second, Set.of(JobState.RUNNING), 120);
        assertThat(raw(post("/api/jobs/" + second + "/cancel"), "rachel").getStatus()).isEqualTo(403);
        call(post("/api/workspaces/" + w + "/close"), "alice", 200, null);
        JsonNode closed = call(get("/api/jobs/" + second), "alice", 200, null);
        assertThat(closed.path("state").asString()).isEqualTo("CANCELLED");
        assertThat(closed.path("error").path("message").asString()).contains("workspace closed");
        awaitNoProcess();
        assertThat(raw(post("/api/workspaces/" + w + "/jobs"), "alice", ROWS).getStatus()).isEqualTo(409);
        assertThat(jdbc.sql("select actor from audit_entry where action = 'job.cancelled' and subject_id = ?")
                .param(second.toString()).query(String.class).single()).isEqualTo("system");
    }

    @Test
    void restartFailsWhatRanKillsItsOrphanAndRequeuesTheRest() throws Exception {
        runner.pause();
        WorkspaceId w = workspace();
        JobId wasRunning = submit(w, ROWS);
        JobId wasQueued = submit(w, ROWS);
        // An orphan compute process of the previous API: its arguments name the job.
        Process orphan = new ProcessBuilder("sh", "-c", "sleep 60 # " + wasRunning).start();
        jdbc.sql("update job set state = 'RUNNING', started_at = now(), process_id = ? where id = ?")
                .params(orphan.pid(), wasRunning.value()).update();

        List<JobId> requeued = executions.recover();

        assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).as("orphan killed").isTrue();
        JsonNode lost = call(get("/api/jobs/" + wasRunning), "alice", 200, null);
        assertThat(lost.path("state").asString()).isEqualTo("FAILED");
        assertThat(lost.path("error").path("code").asString()).isEqualTo("lost-on-restart");
        assertThat(requeued).contains(wasQueued).doesNotContain(wasRunning);
        assertThat(state(wasQueued)).isEqualTo(JobState.QUEUED);
        call(post("/api/jobs/" + wasQueued + "/cancel"), "alice", 200, null);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private JobState state(JobId id) {
        return repository.find(id).orElseThrow().state();
    }

    private void await(JobId id, Set<JobState> states, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!states.contains(state(id))) {
            assertThat(System.nanoTime()).as("job %s still %s after %d s", id, state(id), seconds).isLessThan(end);
            Thread.sleep(100);
        }
    }

    private void awaitNoProcess() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (runner.runningCount() > 0) {
            assertThat(System.nanoTime()).as("a job process still runs").isLessThan(end);
            Thread.sleep(100);
        }
    }

    private MockHttpServletResponse raw(MockHttpServletRequestBuilder request, String user) throws Exception {
        return raw(request, user, null);
    }

    private MockHttpServletResponse raw(MockHttpServletRequestBuilder request, String user, String body) throws Exception {
        request.header("Authorization", fx.bearer(user));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        responses.append(response.getContentAsString()).append('\n');
        return response;
    }

    private JsonNode call(MockHttpServletRequestBuilder request, String user, int status, String body) throws Exception {
        MockHttpServletResponse response = raw(request, user, body);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        String text = response.getContentAsString();
        return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
    }
}
