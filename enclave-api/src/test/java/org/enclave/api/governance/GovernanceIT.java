package org.enclave.api.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectState;
import org.enclave.api.support.EnclaveIT;
import org.enclave.api.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Appeals, consultations, the queue and its reminders, and the public register, through the real API. */
@EnclaveIT
class GovernanceIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;
    @Autowired Fixtures fx;
    @Autowired GovernanceService governance;
    @Autowired JdbcTemplate jdbc;

    @AfterEach
    void resetClock() {
        fx.clock.reset();
    }

    JsonNode json(org.springframework.test.web.servlet.ResultActions r) throws Exception {
        return JSON.readTree(r.andReturn().getResponse().getContentAsString());
    }

    @Test
    void anAppealIsDecidedByAnotherCommitteeMemberOnce() throws Exception {
        Project p = fx.rejected(); // by dave
        String base = "/api/projects/" + p.id();
        mvc.perform(post(base + "/appeal").header("Authorization", fx.bearer("bob"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"grounds\":\"g\"}")).andExpect(status().isForbidden());
        mvc.perform(post(base + "/appeal").header("Authorization", fx.bearer("alice"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"grounds\":\"the columns are needed\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("APPEALED"))
                .andExpect(jsonPath("$.appeal.rejection.by").value("dave"));
        mvc.perform(post(base + "/dismiss-appeal").header("Authorization", fx.bearer("dave"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"r\"}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("rejection")));
        String approval = """
                {"validFrom":"%s","validUntil":"%s","reason":"on appeal","columns":[{"datasetId":"%s","columns":["pid"]}]}"""
                .formatted(fx.clock.instant().minusSeconds(1), fx.clock.instant().plus(Duration.ofDays(30)), fx.sharedDataset());
        mvc.perform(post(base + "/approve").header("Authorization", fx.bearer("dave"))
                .contentType(MediaType.APPLICATION_JSON).content(approval)).andExpect(status().isForbidden());
        mvc.perform(post(base + "/approve").header("Authorization", fx.bearer("carol"))
                .contentType(MediaType.APPLICATION_JSON).content(approval))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("APPROVED"))
                .andExpect(jsonPath("$.decision.by").value("carol")).andExpect(jsonPath("$.appeal.rejection.by").value("dave"));
        mvc.perform(post(base + "/appeal").header("Authorization", fx.bearer("alice"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"grounds\":\"again\"}")).andExpect(status().isConflict());
    }

    @Test
    void theConsulteesOpinionIsRecordedOnceBeforeTheDecisionThenClosed() throws Exception {
        Project p = fx.submitted();
        Consultation c = fx.consultation(p, "sam");
        mvc.perform(get("/api/consultations").header("Authorization", fx.bearer("sam")))
                .andExpect(jsonPath("$[?(@.id == '" + c.id() + "')].question").value("is the linkage proportionate?"));
        mvc.perform(post("/api/consultations/" + c.id() + "/opinion").header("Authorization", fx.bearer("sam"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"opinion\":\"proportionate if age is banded\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.opinion").value("proportionate if age is banded"));
        mvc.perform(post("/api/consultations/" + c.id() + "/opinion").header("Authorization", fx.bearer("sam"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"opinion\":\"changed my mind\"}")).andExpect(status().isConflict());
        Consultation late = fx.consultation(p, "stella");
        fx.approvedFrom(p);
        mvc.perform(post("/api/consultations/" + late.id() + "/opinion").header("Authorization", fx.bearer("stella"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"opinion\":\"too late\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("closed")));
        mvc.perform(get("/api/projects/" + p.id() + "/consultations").header("Authorization", fx.bearer("carol")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].stage").value("SUBMITTED"));
        // The opinion is in the audit log only as its HMAC.
        List<String> details = jdbc.queryForList("select details::text from audit_entry where action = 'consultation.answered'"
                + " and subject_id = ?", String.class, p.id().toString());
        assertThat(details).hasSize(1);
        assertThat(details.get(0)).contains("hmac-sha256:").doesNotContain("banded");
    }

    @Test
    void theQueueFlagsOverdueApplicationsAndRemindsOncePerInterval() throws Exception {
        Project p = fx.submitted(); // HIGH tier: 60 days by default
        JsonNode queue = json(mvc.perform(get("/api/governance/queue").header("Authorization", fx.bearer("carol"))));
        JsonNode mine = find(queue, p);
        assertThat(mine.path("overdue").asBoolean()).isFalse();
        assertThat(mine.path("tier").asString()).isEqualTo("HIGH");
        assertThat(mine.path("stage").asString()).isEqualTo("SUBMITTED");

        fx.clock.advance(Duration.ofDays(61));
        mine = find(json(mvc.perform(get("/api/governance/queue").header("Authorization", fx.bearer("carol")))), p);
        assertThat(mine.path("overdue").asBoolean()).isTrue();
        assertThat(mine.path("elapsedDays").asDouble()).isGreaterThanOrEqualTo(61.0);

        governance.remindOverdue();
        governance.remindOverdue();
        assertThat(reminders(p)).as("idempotent at the same time").isEqualTo(1);
        fx.clock.advance(Duration.ofDays(6));
        governance.remindOverdue();
        assertThat(reminders(p)).as("within the interval").isEqualTo(1);
        fx.clock.advance(Duration.ofDays(1));
        governance.remindOverdue();
        assertThat(reminders(p)).as("one interval later").isEqualTo(2);
    }

    @Test
    void qualityIndicatorsComeFromTheCatalogueTheManifestAndTheGrants() throws Exception {
        org.enclave.api.catalogue.DatasetId ds = fx.dataset();
        String base = "/api/datasets/" + ds + "/versions/1";
        mvc.perform(get(base + "/quality").header("Authorization", fx.bearer("rachel"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.documentation.completeness").value(1.0))
                .andExpect(jsonPath("$.ingest.rowsIn").value(100)).andExpect(jsonPath("$.ingest.quarantinedShare").value(0.01))
                .andExpect(jsonPath("$.freshness.latest").value(true)).andExpect(jsonPath("$.use.projectsInForce").value(0))
                .andExpect(jsonPath("$.feedbackCount").value(0));
        mvc.perform(post(base + "/feedback").header("Authorization", fx.bearer("rachel")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"region codes need a legend\",\"rating\":4}")).andExpect(status().isCreated());
        mvc.perform(get(base + "/feedback").header("Authorization", fx.bearer("sam"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].text").value("region codes need a legend")).andExpect(jsonPath("$[0].author").value("rachel"));
        String details = jdbc.queryForObject("select details::text from audit_entry where action = 'dataset.feedback' and subject_id = ?",
                String.class, ds.toString());
        assertThat(details).contains("hmac-sha256:").doesNotContain("legend");
    }

    int reminders(Project p) {
        return jdbc.queryForObject("select count(*) from audit_entry where action = 'application.reminder' and subject_id = ?",
                Integer.class, p.id().toString());
    }

    static JsonNode find(JsonNode queue, Project p) {
        for (JsonNode e : queue) {
            if (e.path("project").asString().equals(p.id().toString())) {
                return e;
            }
        }
        throw new AssertionError("project not in the queue");
    }

    @Test
    void theRegisterShowsOnlyApprovedProjectsAndOnlyConsentingNames() throws Exception {
        Project approved = fx.approved("bob");
        Project draft = fx.draft();
        Project submitted = fx.submitted();
        Project rejected = fx.rejected();
        mvc.perform(put("/api/projects/" + approved.id() + "/register-consent").header("Authorization", fx.bearer("alice"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"consent\":true}")).andExpect(status().isOk());
        mvc.perform(put("/api/projects/" + approved.id() + "/register-consent").header("Authorization", fx.bearer("rachel"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"consent\":true}")).andExpect(status().isForbidden());

        String body = mvc.perform(get("/api/register/projects")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        JsonNode register = JSON.readTree(body);
        List<String> ids = new ArrayList<>();
        register.path("projects").forEach(e -> ids.add(e.path("id").asString()));
        assertThat(ids).contains(approved.id().toString())
                .doesNotContain(draft.id().toString(), submitted.id().toString(), rejected.id().toString());
        register.path("projects").forEach(e -> assertThat(e.path("status").asString()).isIn("APPROVED", "ENDED", "REVOKED"));
        JsonNode entry = null;
        for (JsonNode e : register.path("projects")) {
            if (e.path("id").asString().equals(approved.id().toString())) {
                entry = e;
            }
        }
        assertThat(entry.path("members").toString()).isEqualTo("[\"alice\"]");
        assertThat(entry.path("datasets").size()).isEqualTo(1);
        assertThat(entry.path("releases").asLong(-1)).as("released requests, counted by the release feature").isZero();
        assertThat(register.path("releasesAvailable").asBoolean()).isTrue();
        // No field that could identify a data subject or a non-consenting person: exactly the published ones.
        List<String> fields = new ArrayList<>();
        entry.propertyNames().forEach(fields::add);
        assertThat(fields).containsExactly("id", "title", "purpose", "institution", "datasets", "validFrom", "validUntil",
                "status", "releases", "members");
        assertThat(body).doesNotContain("bob").doesNotContain("legalBasis").doesNotContain("pid").doesNotContain("age_band");

        String csv = mvc.perform(get("/api/register/projects.csv")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv")).andReturn().getResponse().getContentAsString();
        assertThat(csv).startsWith("id,title,purpose,institution,datasets,valid_from,valid_until,status,releases,members\r\n")
                .contains(approved.id().toString()).doesNotContain(draft.id().toString()).doesNotContain("bob");

        mvc.perform(get("/api/register/figures")).andExpect(status().isOk()).andExpect(jsonPath("$.minDecisionsPerQuarter").value(5));
    }
}
