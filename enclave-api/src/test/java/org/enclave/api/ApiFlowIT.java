package org.enclave.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectKey;
import org.enclave.api.project.ProjectKeyVault;
import org.enclave.api.project.ProjectService;
import org.enclave.api.project.ProjectState;
import org.enclave.api.support.EnclaveIT;
import org.enclave.api.support.Fixtures;
import org.enclave.api.support.LakeFixture;
import org.enclave.api.workspace.Workspace;
import org.enclave.api.workspace.WorkspaceService;
import org.enclave.api.workspace.WorkspaceState;
import org.enclave.api.workspace.WorkspaceSweeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole path over HTTP: catalogue, application, decision, workspace, revocation, expiry, purge. */
@EnclaveIT
class ApiFlowIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;
    @Autowired Fixtures fx;
    @Autowired ProjectKeyVault keys;
    @Autowired ProjectService projects;
    @Autowired WorkspaceService workspaces;
    @Autowired WorkspaceSweeper sweeper;
    @Autowired JdbcTemplate jdbc;

    @AfterEach
    void resetClock() {
        fx.clock.reset();
    }

    private JsonNode call(org.springframework.test.web.servlet.RequestBuilder request, int expected) throws Exception {
        MvcResult r = mvc.perform(request).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(expected);
        String body = r.getResponse().getContentAsString();
        return body.isEmpty() ? null : JSON.readTree(body);
    }

    @Test
    void stewardRegistersResearcherAppliesCommitteeApprovesResearcherWorksUntilRevoked() throws Exception {
        // Catalogue
        JsonNode ds = call(post("/api/datasets").header("Authorization", fx.bearer("sam")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"name":"flow_stays","description":"stays","owner":"DREES","sensitivity":"HIGH","licence":"LO 2.0","retentionDays":365}
                        """), 201);
        String dsId = ds.get("id").asString();
        String location = fx.lakeFolder();
        StringBuilder cols = new StringBuilder();
        for (var c : LakeFixture.COLUMNS) {
            cols.append(cols.isEmpty() ? "" : ",").append(JSON.writeValueAsString(c));
        }
        JsonNode v = call(post("/api/datasets/" + dsId + "/versions").header("Authorization", fx.bearer("sam"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"location\":\"" + location + "\",\"columns\":[" + cols + "]}"), 201);
        assertThat(v.get("number").asInt()).isEqualTo(1);
        assertThat(v.get("rows").asLong()).isEqualTo(99);
        call(get("/api/datasets").header("Authorization", fx.bearer("chris")), 200);
        String csv = mvc.perform(get("/api/datasets/" + dsId + "/versions/1/dummy.csv?rows=5").header("Authorization", fx.bearer("bob")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(csv.split("\r\n")).hasSize(6).startsWith("pid,age_band,region,stay_days,cost");

        // Application
        Instant now = Instant.now();
        JsonNode p = call(post("/api/projects").header("Authorization", fx.bearer("alice")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"title":"Stays","purpose":"Length of stay","legalBasis":"public interest","members":["bob"],
                         "requestedFrom":"%s","requestedUntil":"%s",
                         "datasets":[{"datasetId":"%s","columns":["pid","age_band","stay_days"]}]}
                        """.formatted(now, now.plus(Duration.ofDays(100)), dsId)), 201);
        String pid = p.get("id").asString();
        assertThat(p.get("state").asString()).isEqualTo("DRAFT");
        assertThat(p.get("allowedMoves").toString()).isEqualTo("[\"SUBMIT\"]");
        call(post("/api/projects/" + pid + "/submit").header("Authorization", fx.bearer("alice")), 200);
        JsonNode seenByCommittee = call(get("/api/projects/" + pid).header("Authorization", fx.bearer("carol")), 200);
        assertThat(seenByCommittee.get("allowedMoves").toString()).isEqualTo("[\"APPROVE\",\"REJECT\"]");

        // Decision: at most the requested columns
        call(post("/api/projects/" + pid + "/approve").header("Authorization", fx.bearer("carol")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"validFrom":"%s","validUntil":"%s","reason":"ok","columns":[{"datasetId":"%s","columns":["cost"]}]}
                        """.formatted(now.minusSeconds(5), now.plus(Duration.ofDays(30)), dsId)), 400);
        JsonNode approved = call(post("/api/projects/" + pid + "/approve").header("Authorization", fx.bearer("carol"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"validFrom":"%s","validUntil":"%s","reason":"ok","columns":[{"datasetId":"%s","columns":["pid","age_band"]}]}
                        """.formatted(now.minusSeconds(5), now.plus(Duration.ofDays(30)), dsId)), 200);
        assertThat(approved.get("state").asString()).isEqualTo("APPROVED");
        org.enclave.api.project.ProjectId projectId = org.enclave.api.project.ProjectId.of(pid);
        try (ProjectKey key = keys.unwrap(projectId)) {
            assertThat(key.toString()).isEqualTo("ProjectKey[redacted]");
        }

        // Workspace
        JsonNode w = call(post("/api/projects/" + pid + "/workspaces").header("Authorization", fx.bearer("bob"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"until\":\"" + now.plus(Duration.ofDays(365)) + "\"}"), 201);
        String wid = w.get("id").asString();
        assertThat(Instant.parse(w.get("expiresAt").asString())).isBeforeOrEqualTo(now.plus(Duration.ofDays(30)));
        JsonNode access = call(get("/api/workspaces/" + wid + "/access").header("Authorization", fx.bearer("bob")), 200);
        assertThat(access.get("tables").get(0).get("columns").toString()).isEqualTo("[\"pid\",\"age_band\"]");
        call(get("/api/workspaces/" + wid + "/access").header("Authorization", fx.bearer("alice")), 403);

        // Revocation: refused at once, key destroyed, workspace expired in the same transaction
        call(post("/api/projects/" + pid + "/revoke").header("Authorization", fx.bearer("dave")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"breach of conditions\"}"), 200);
        mvc.perform(get("/api/workspaces/" + wid + "/access").header("Authorization", fx.bearer("bob")))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value("/problems/conflict"));
        assertThat(keys.hasLiveKey(projectId)).isFalse();
        assertThat(jdbc.queryForObject("select wrapped is null and destroyed_at is not null from project_key where project_id = ?::uuid",
                Boolean.class, pid)).isTrue();
        assertThat(call(get("/api/workspaces/" + wid).header("Authorization", fx.bearer("bob")), 200).get("state").asString())
                .isEqualTo("EXPIRED");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where subject_id = ? and action = 'project.key.destroyed'",
                Long.class, pid)).isEqualTo(1);
        assertThat(DatasetId.of(dsId)).isNotNull();
    }

    @Test
    void workspaceIsRefusedTheMomentItExpiresThenSweptAndPurged() {
        Project p = fx.approved(Duration.ofDays(90), "bob");
        Workspace w = fx.workspace(p, "bob");
        Path folder = workspaces.folder(w.id());
        assertThat(folder).isDirectory();
        assertThat(w.expiresAt()).isBetween(w.openedAt().plus(Duration.ofDays(7)).minusSeconds(60), w.openedAt().plus(Duration.ofDays(7)));
        workspaces.access(Fixtures.actor("bob"), w.id());

        fx.clock.advance(Duration.ofDays(7).plusSeconds(1));
        // Before any sweep: refused.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> workspaces.access(Fixtures.actor("bob"), w.id()))
                .hasMessageContaining("expired");
        assertThat(sweeper.sweep().workspacesExpired()).isGreaterThanOrEqualTo(1);
        assertThat(workspaces.get(Fixtures.actor("bob"), w.id()).state()).isEqualTo(WorkspaceState.EXPIRED);
        assertThat(folder).isDirectory();

        fx.clock.advance(Duration.ofDays(8));
        sweeper.sweep();
        assertThat(workspaces.get(Fixtures.actor("bob"), w.id()).state()).isEqualTo(WorkspaceState.PURGED);
        assertThat(Files.exists(folder)).isFalse();
    }

    @Test
    void workspaceExpiryIsCappedByTheGrantAndTheGrantEndsOnTime() {
        Project p = fx.approved(Duration.ofDays(3), "bob");
        Workspace w = fx.workspace(p, "bob");
        assertThat(w.expiresAt()).isEqualTo(p.validity().until());

        fx.clock.advance(Duration.ofDays(3).plusSeconds(5));
        WorkspaceSweeper.Sweep s = sweeper.sweep();
        assertThat(s.projectsEnded()).isGreaterThanOrEqualTo(1);
        assertThat(projects.load(p.id()).state()).isEqualTo(ProjectState.ENDED);
        assertThat(keys.hasLiveKey(p.id())).isFalse();
        assertThat(workspaces.get(Fixtures.actor("bob"), w.id()).state()).isEqualTo(WorkspaceState.EXPIRED);
    }
}
