package org.enclave.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.job.Analysis;
import org.enclave.api.job.JobId;
import org.enclave.api.job.JobRunner;
import org.enclave.api.job.JobService;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectId;
import org.enclave.api.release.ReleaseFixtures;
import org.enclave.api.release.ReleaseId;
import org.enclave.api.release.Tables;
import org.enclave.api.security.Role;
import org.enclave.api.support.EnclaveIT;
import org.enclave.api.support.Fixtures;
import org.enclave.api.support.LakeFixture;
import org.enclave.api.workspace.Workspace;
import org.enclave.api.workspace.WorkspaceId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorisation matrix: every endpoint x every role (and anonymous) x member / non-member of the
 * project x inside / outside the grant's validity window, each with its expected status, through the
 * real filter chain with real tokens. {@link #everyEndpointHasARow} fails when an endpoint is added
 * without a row here (or a row outlives its endpoint).
 *
 * <p>"Outside" moves the clock past the grant's end without sweeping: refusals must not wait for the
 * sweeper. Each cell builds its own fixture through the real transitions.
 */
@EnclaveIT
class AuthorizationMatrixIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A caller: a role (or none), whether they are a member of the fixture project, and the window. */
    record Cell(Role role, boolean member, boolean inside) {
        String username() {
            if (role == null) {
                return null;
            }
            return switch (role) {
                case STEWARD -> "sam";
                case COMMITTEE -> "carol";
                case RESEARCHER -> member ? "alice" : "rachel"; // alice authors every fixture project and owns its workspace
                case CHECKER -> "chris";
                case AUDITOR -> "audrey";
            };
        }

        @Override
        public String toString() {
            return (role == null ? "anonymous" : role.name().toLowerCase()) + (member ? "/member" : "/non-member")
                    + (inside ? "/inside" : "/outside");
        }
    }

    /** What a cell's fixture holds ({@code job}: job rows; {@code release}, {@code releaseJob}: release rows; {@code consultation}: governance rows). */
    record Ctx(Cell cell, DatasetId dataset, ProjectId project, WorkspaceId workspace, Fixtures fx, JobId job, ReleaseId release,
               UUID releaseJob, String consultation) {
        Ctx(Cell cell, DatasetId dataset, ProjectId project, WorkspaceId workspace, Fixtures fx) {
            this(cell, dataset, project, workspace, fx, null, null, null, null);
        }
    }

    enum Needs { NOTHING, DRAFT, SUBMITTED, APPROVED, WORKSPACE, JOB, RELEASE_DRAFT, RELEASE_SUBMITTED, RELEASE_APPROVED, RELEASE_RELEASED,
        REJECTED, APPEALED, CONSULTATION }

    /** One endpoint's row: how to call it, what it needs, and the expected status of each cell. */
    record Row(Needs needs, Function<Ctx, MockHttpServletRequestBuilder> request, Function<Cell, Integer> expected) {
    }

    // ---- expectation helpers -------------------------------------------------------------------------

    static Function<Cell, Integer> publicEndpoint() {
        return c -> 200;
    }

    static Function<Cell, Integer> signedIn(int ok) {
        return c -> c.role() == null ? 401 : ok;
    }

    static Function<Cell, Integer> roleOnly(Role role, int ok) {
        return c -> c.role() == null ? 401 : c.role() == role ? ok : 403;
    }

    /** Committee decisions: committee members who are not members of the project; 403 for anyone else. */
    static Function<Cell, Integer> committeeDecision() {
        return c -> c.role() == null ? 401 : c.role() == Role.COMMITTEE && !c.member() ? 200 : 403;
    }

    /** The workspace's owner (the member researcher) only; inside the window {@code ok}, outside {@code late}. */
    static Function<Cell, Integer> workspaceOwner(int ok, int late) {
        return c -> c.role() == null ? 401 : c.role() == Role.RESEARCHER && c.member() ? (c.inside() ? ok : late) : 403;
    }

    /** Jobs: researchers who are members of the project (the fixture's member researcher owns the workspace). */
    static Function<Cell, Integer> jobMember(int inside, int outside) {
        return c -> c.role() == null ? 401 : c.role() == Role.RESEARCHER && c.member() ? (c.inside() ? inside : outside) : 403;
    }

    static final String JOB_BODY = "{\"sql\":\"SELECT age_band FROM t\",\"output\":{\"kind\":\"rows\"}}";

    /** A release request's author (the member researcher, who owns the workspace) or a checker who may review it. */
    static Function<Cell, Integer> authorOrReviewer(int ok) {
        return c -> c.role() == null ? 401
                : c.role() == Role.RESEARCHER && c.member() || c.role() == Role.CHECKER && !c.member() ? ok : 403;
    }

    /** Checkers who are not members of the project: votes are not tied to the grant's window. */
    static Function<Cell, Integer> reviewer(int ok) {
        return c -> c.role() == null ? 401 : c.role() == Role.CHECKER && !c.member() ? ok : 403;
    }

    final Map<String, Row> matrix = new LinkedHashMap<>();

    {
        matrix.put("POST /dev/token", new Row(Needs.NOTHING, x -> json(post("/dev/token"), "{\"username\":\"alice\"}"), publicEndpoint()));
        matrix.put("GET /dev/jwks", new Row(Needs.NOTHING, x -> get("/dev/jwks"), publicEndpoint()));
        matrix.put("GET /dev/users", new Row(Needs.NOTHING, x -> get("/dev/users"), publicEndpoint()));
        matrix.put("GET /api/me", new Row(Needs.NOTHING, x -> get("/api/me"), signedIn(200)));

        matrix.put("GET /api/datasets", new Row(Needs.NOTHING, x -> get("/api/datasets"), signedIn(200)));
        matrix.put("POST /api/datasets", new Row(Needs.NOTHING, x -> json(post("/api/datasets"), """
                {"name":"m_%s","description":"d","owner":"o","sensitivity":"LOW","licence":"l","retentionDays":30}"""
                .formatted(UUID.randomUUID().toString().replace("-", ""))), roleOnly(Role.STEWARD, 201)));
        matrix.put("GET /api/datasets/{id}", new Row(Needs.NOTHING, x -> get("/api/datasets/" + x.dataset()), signedIn(200)));
        matrix.put("POST /api/datasets/{id}/versions", new Row(Needs.NOTHING, x -> json(post("/api/datasets/" + x.dataset() + "/versions"),
                "{\"location\":\"" + x.fx().lakeFolder() + "\",\"columns\":" + JSON.writeValueAsString(LakeFixture.COLUMNS) + "}"),
                roleOnly(Role.STEWARD, 201)));
        matrix.put("GET /api/datasets/{id}/versions/{number}", new Row(Needs.NOTHING,
                x -> get("/api/datasets/" + x.dataset() + "/versions/1"), signedIn(200)));
        matrix.put("GET /api/datasets/{id}/versions/{number}/dummy.csv", new Row(Needs.NOTHING,
                x -> get("/api/datasets/" + x.dataset() + "/versions/1/dummy.csv"), signedIn(200)));

        matrix.put("POST /api/projects", new Row(Needs.NOTHING, x -> {
            Instant now = x.fx().clock.instant();
            return json(post("/api/projects"), """
                    {"title":"t","purpose":"p","legalBasis":"l","requestedFrom":"%s","requestedUntil":"%s",
                     "datasets":[{"datasetId":"%s","columns":["pid"]}]}""".formatted(now, now.plus(Duration.ofDays(30)), x.dataset()));
        }, roleOnly(Role.RESEARCHER, 201)));
        matrix.put("GET /api/projects", new Row(Needs.NOTHING, x -> get("/api/projects"), signedIn(200)));
        matrix.put("GET /api/projects/{id}", new Row(Needs.APPROVED, x -> get("/api/projects/" + x.project()),
                c -> c.role() == null ? 401 : c.member() || c.role() == Role.COMMITTEE ? 200 : 403));
        matrix.put("POST /api/projects/{id}/submit", new Row(Needs.DRAFT, x -> post("/api/projects/" + x.project() + "/submit"),
                c -> c.role() == null ? 401 : c.role() == Role.RESEARCHER && c.member() ? 200 : 403));
        matrix.put("POST /api/projects/{id}/approve", new Row(Needs.SUBMITTED, x -> {
            Instant now = x.fx().clock.instant();
            return json(post("/api/projects/" + x.project() + "/approve"), """
                    {"validFrom":"%s","validUntil":"%s","reason":"ok","columns":[{"datasetId":"%s","columns":["pid"]}]}"""
                    .formatted(now.minusSeconds(1), now.plus(Duration.ofDays(30)), x.dataset()));
        }, committeeDecision()));
        matrix.put("POST /api/projects/{id}/reject", new Row(Needs.SUBMITTED,
                x -> json(post("/api/projects/" + x.project() + "/reject"), "{\"reason\":\"no\"}"), committeeDecision()));
        matrix.put("POST /api/projects/{id}/revoke", new Row(Needs.APPROVED,
                x -> json(post("/api/projects/" + x.project() + "/revoke"), "{\"reason\":\"breach\"}"), committeeDecision()));
        matrix.put("POST /api/projects/{id}/end", new Row(Needs.APPROVED,
                x -> json(post("/api/projects/" + x.project() + "/end"), "{\"reason\":\"done\"}"), committeeDecision()));

        matrix.put("POST /api/projects/{id}/workspaces", new Row(Needs.APPROVED, x -> json(post("/api/projects/" + x.project() + "/workspaces"),
                "{\"until\":\"" + x.fx().clock.instant().plus(Duration.ofDays(5)) + "\"}"), workspaceOwner(201, 409)));
        matrix.put("GET /api/workspaces", new Row(Needs.NOTHING, x -> get("/api/workspaces"), signedIn(200)));
        matrix.put("GET /api/workspaces/{id}", new Row(Needs.WORKSPACE, x -> get("/api/workspaces/" + x.workspace()),
                workspaceOwner(200, 200)));
        matrix.put("GET /api/workspaces/{id}/access", new Row(Needs.WORKSPACE, x -> get("/api/workspaces/" + x.workspace() + "/access"),
                workspaceOwner(200, 409)));
        matrix.put("POST /api/workspaces/{id}/close", new Row(Needs.WORKSPACE, x -> post("/api/workspaces/" + x.workspace() + "/close"),
                workspaceOwner(200, 409)));

        // The job runner is paused here: jobs stay QUEUED, so their results are a 409 even to members (JobsIT covers the rest).
        matrix.put("POST /api/workspaces/{id}/jobs", new Row(Needs.WORKSPACE,
                x -> json(post("/api/workspaces/" + x.workspace() + "/jobs"), JOB_BODY), jobMember(201, 409)));
        matrix.put("GET /api/workspaces/{id}/jobs", new Row(Needs.WORKSPACE, x -> get("/api/workspaces/" + x.workspace() + "/jobs"),
                jobMember(200, 200)));
        matrix.put("GET /api/jobs/{id}", new Row(Needs.JOB, x -> get("/api/jobs/" + x.job()), jobMember(200, 200)));
        matrix.put("POST /api/jobs/{id}/cancel", new Row(Needs.JOB, x -> post("/api/jobs/" + x.job() + "/cancel"), jobMember(200, 200)));
        matrix.put("GET /api/jobs/{id}/rows", new Row(Needs.JOB, x -> get("/api/jobs/" + x.job() + "/rows"), jobMember(409, 409)));
        matrix.put("GET /api/jobs/{id}/aggregate", new Row(Needs.JOB, x -> get("/api/jobs/" + x.job() + "/aggregate"), jobMember(409, 409)));

        matrix.put("POST /api/releases", new Row(Needs.WORKSPACE, x -> json(post("/api/releases"),
                "{\"workspaceId\":\"" + x.workspace() + "\",\"context\":\"c\",\"controls\":\"k\"}"), workspaceOwner(201, 409)));
        matrix.put("GET /api/releases", new Row(Needs.NOTHING, x -> get("/api/releases"), signedIn(200)));
        matrix.put("GET /api/releases/queue", new Row(Needs.NOTHING, x -> get("/api/releases/queue"), roleOnly(Role.CHECKER, 200)));
        matrix.put("GET /api/releases/public-key", new Row(Needs.NOTHING, x -> get("/api/releases/public-key"), publicEndpoint()));
        matrix.put("GET /api/releases/{id}", new Row(Needs.RELEASE_SUBMITTED, x -> get("/api/releases/" + x.release()),
                authorOrReviewer(200)));
        matrix.put("PUT /api/releases/{id}/outputs/{name}", new Row(Needs.RELEASE_DRAFT, x -> json(put("/api/releases/" + x.release()
                + "/outputs/t2"), "{\"jobId\":\"" + x.releaseJob() + "\"}"), workspaceOwner(200, 409)));
        matrix.put("DELETE /api/releases/{id}/outputs/{name}", new Row(Needs.RELEASE_DRAFT,
                x -> delete("/api/releases/" + x.release() + "/outputs/t1"), workspaceOwner(200, 409)));
        matrix.put("POST /api/releases/{id}/submit", new Row(Needs.RELEASE_DRAFT, x -> post("/api/releases/" + x.release() + "/submit"),
                workspaceOwner(200, 409)));
        matrix.put("POST /api/releases/{id}/withdraw", new Row(Needs.RELEASE_DRAFT,
                x -> post("/api/releases/" + x.release() + "/withdraw"), workspaceOwner(200, 200)));
        matrix.put("POST /api/releases/{id}/votes", new Row(Needs.RELEASE_SUBMITTED, x -> json(post("/api/releases/" + x.release()
                + "/votes"), "{\"decision\":\"APPROVE\",\"reason\":\"safe\"}"), reviewer(200)));
        matrix.put("POST /api/releases/{id}/comments", new Row(Needs.RELEASE_SUBMITTED, x -> json(post("/api/releases/" + x.release()
                + "/comments"), "{\"visibility\":\"PUBLIC\",\"text\":\"a question\"}"), authorOrReviewer(201)));
        matrix.put("POST /api/releases/{id}/release", new Row(Needs.RELEASE_APPROVED,
                x -> post("/api/releases/" + x.release() + "/release"), workspaceOwner(200, 200)));
        matrix.put("GET /api/releases/{id}/package", new Row(Needs.RELEASE_RELEASED,
                x -> get("/api/releases/" + x.release() + "/package"), workspaceOwner(200, 200)));

        // Governance (docs/governance.md).
        matrix.put("POST /api/projects/{id}/appeal", new Row(Needs.REJECTED,
                x -> json(post("/api/projects/" + x.project() + "/appeal"), "{\"grounds\":\"g\"}"),
                c -> c.role() == null ? 401 : c.role() == Role.RESEARCHER && c.member() ? 200 : 403));
        matrix.put("POST /api/projects/{id}/dismiss-appeal", new Row(Needs.APPEALED,
                x -> json(post("/api/projects/" + x.project() + "/dismiss-appeal"), "{\"reason\":\"stands\"}"), committeeDecision()));
        matrix.put("POST /api/projects/{id}/consultations", new Row(Needs.SUBMITTED,
                x -> json(post("/api/projects/" + x.project() + "/consultations"),
                        "{\"kind\":\"EXPERT\",\"consultee\":\"erin\",\"question\":\"q\"}"),
                c -> c.role() == null ? 401 : c.role() == Role.COMMITTEE && !c.member() ? 201 : 403));
        matrix.put("GET /api/projects/{id}/consultations", new Row(Needs.SUBMITTED,
                x -> get("/api/projects/" + x.project() + "/consultations"), roleOnly(Role.COMMITTEE, 200)));
        matrix.put("GET /api/consultations", new Row(Needs.NOTHING, x -> get("/api/consultations"), signedIn(200)));
        // The consultee is sam (stella when sam is a member); others who may not see it get 404, the committee 403.
        matrix.put("POST /api/consultations/{id}/opinion", new Row(Needs.CONSULTATION,
                x -> json(post("/api/consultations/" + x.consultation() + "/opinion"), "{\"opinion\":\"fine\"}"),
                c -> c.role() == null ? 401 : c.role() == Role.STEWARD && !c.member() ? 200 : c.role() == Role.COMMITTEE ? 403 : 404));
        matrix.put("GET /api/governance/queue", new Row(Needs.NOTHING, x -> get("/api/governance/queue"), roleOnly(Role.COMMITTEE, 200)));
        matrix.put("GET /api/governance/figures", new Row(Needs.NOTHING, x -> get("/api/governance/figures"), roleOnly(Role.COMMITTEE, 200)));
        matrix.put("GET /api/register/projects", new Row(Needs.NOTHING, x -> get("/api/register/projects"), publicEndpoint()));
        matrix.put("GET /api/register/projects.csv", new Row(Needs.NOTHING, x -> get("/api/register/projects.csv"), publicEndpoint()));
        matrix.put("GET /api/register/figures", new Row(Needs.NOTHING, x -> get("/api/register/figures"), publicEndpoint()));
        matrix.put("PUT /api/projects/{id}/register-consent", new Row(Needs.APPROVED,
                x -> json(put("/api/projects/" + x.project() + "/register-consent"), "{\"consent\":true}"),
                c -> c.role() == null ? 401 : c.member() ? 200 : 403));
        matrix.put("GET /api/catalogue/dcat", new Row(Needs.NOTHING, x -> get("/api/catalogue/dcat"), publicEndpoint()));
        matrix.put("GET /api/datasets/{id}/versions/{number}/quality", new Row(Needs.NOTHING,
                x -> get("/api/datasets/" + x.dataset() + "/versions/1/quality"), signedIn(200)));
        matrix.put("POST /api/datasets/{id}/versions/{number}/feedback", new Row(Needs.NOTHING,
                x -> json(post("/api/datasets/" + x.dataset() + "/versions/1/feedback"), "{\"text\":\"age bands too coarse\",\"rating\":3}"),
                signedIn(201)));
        matrix.put("GET /api/datasets/{id}/versions/{number}/feedback", new Row(Needs.NOTHING,
                x -> get("/api/datasets/" + x.dataset() + "/versions/1/feedback"), roleOnly(Role.STEWARD, 200)));

        matrix.put("GET /api/audit/entries", new Row(Needs.NOTHING, x -> get("/api/audit/entries"), roleOnly(Role.AUDITOR, 200)));
        matrix.put("GET /api/audit/verification", new Row(Needs.NOTHING, x -> get("/api/audit/verification"), roleOnly(Role.AUDITOR, 200)));

        // ---- the portal: a session (not a bearer token), CSRF on every POST; anonymous -> 302 to sign-in ----
        matrix.put("GET /", new Row(Needs.NOTHING, x -> get("/"), c -> 302));
        matrix.put("GET /portal", new Row(Needs.NOTHING, x -> get("/portal"), page(200)));
        matrix.put("GET /portal/login", new Row(Needs.NOTHING, x -> get("/portal/login"), c -> c.role() == null ? 200 : 302));
        matrix.put("POST /portal/login/dev", new Row(Needs.NOTHING, x -> post("/portal/login/dev").param("username", "alice"),
                c -> 302));
        matrix.put("GET /portal/denied", new Row(Needs.NOTHING, x -> get("/portal/denied"), page(403)));
        matrix.put("GET /portal/catalogue", new Row(Needs.NOTHING, x -> get("/portal/catalogue"), page(200)));
        matrix.put("POST /portal/catalogue", new Row(Needs.NOTHING, x -> post("/portal/catalogue")
                .param("name", "p_" + UUID.randomUUID().toString().replace("-", "")).param("description", "d").param("owner", "o")
                .param("sensitivity", "LOW").param("licence", "l").param("retentionDays", "30"), pageRole(Role.STEWARD, 302)));
        matrix.put("GET /portal/catalogue/{id}", new Row(Needs.NOTHING, x -> get("/portal/catalogue/" + x.dataset()), page(200)));
        matrix.put("POST /portal/catalogue/{id}/versions", new Row(Needs.NOTHING, x -> post("/portal/catalogue/" + x.dataset() + "/versions")
                .param("location", x.fx().lakeFolder()).param("columns", String.join("\n", LakeFixture.COLUMNS.stream()
                        .map(col -> col.name() + " | " + col.type() + " | " + col.role()).toList())), pageRole(Role.STEWARD, 302)));
        matrix.put("GET /portal/catalogue/{id}/versions/{number}", new Row(Needs.NOTHING,
                x -> get("/portal/catalogue/" + x.dataset() + "/versions/1"), page(200)));
        matrix.put("GET /portal/projects", new Row(Needs.NOTHING, x -> get("/portal/projects"), page(200)));
        matrix.put("GET /portal/projects/{id}", new Row(Needs.APPROVED, x -> get("/portal/projects/" + x.project()),
                c -> c.role() == null ? 302 : c.member() || c.role() == Role.COMMITTEE ? 200 : 403));
        matrix.put("GET /portal/projects/new", new Row(Needs.NOTHING, x -> get("/portal/projects/new"), pageRole(Role.RESEARCHER, 200)));
        matrix.put("POST /portal/projects/new", new Row(Needs.NOTHING, x -> {
            LocalDate today = LocalDate.ofInstant(x.fx().clock.instant(), ZoneOffset.UTC);
            return post("/portal/projects/new").param("title", "t").param("purpose", "p").param("legalBasis", "l")
                    .param("requestedFrom", today.toString()).param("requestedUntil", today.plusDays(30).toString())
                    .param("col", x.dataset() + ":pid");
        }, pageRole(Role.RESEARCHER, 302)));
        matrix.put("POST /portal/projects/{id}/submit", new Row(Needs.DRAFT, x -> post("/portal/projects/" + x.project() + "/submit"),
                c -> c.role() == null ? 302 : c.role() == Role.RESEARCHER && c.member() ? 302 : 403));
        matrix.put("POST /portal/projects/{id}/workspaces", new Row(Needs.APPROVED, x -> post("/portal/projects/" + x.project() + "/workspaces")
                .param("until", LocalDate.ofInstant(x.fx().clock.instant(), ZoneOffset.UTC).plusDays(5).toString()),
                c -> c.role() == null ? 302 : c.role() == Role.RESEARCHER && c.member() ? (c.inside() ? 302 : 409) : 403));
        matrix.put("GET /portal/committee", new Row(Needs.NOTHING, x -> get("/portal/committee"), pageRole(Role.COMMITTEE, 200)));
        matrix.put("POST /portal/projects/{id}/decision", new Row(Needs.SUBMITTED, x -> {
            LocalDate today = LocalDate.ofInstant(x.fx().clock.instant(), ZoneOffset.UTC);
            return post("/portal/projects/" + x.project() + "/decision").param("decision", "approve")
                    .param("validFrom", today.toString()).param("validUntil", today.plusDays(30).toString())
                    .param("col", x.dataset() + ":pid").param("reason", "ok");
        }, portalCommitteeDecision()));
        matrix.put("POST /portal/projects/{id}/revoke", new Row(Needs.APPROVED,
                x -> post("/portal/projects/" + x.project() + "/revoke").param("reason", "breach"), portalCommitteeDecision()));
        matrix.put("POST /portal/projects/{id}/end", new Row(Needs.APPROVED,
                x -> post("/portal/projects/" + x.project() + "/end").param("reason", "done"), portalCommitteeDecision()));
        matrix.put("GET /portal/workspaces", new Row(Needs.NOTHING, x -> get("/portal/workspaces"), pageRole(Role.RESEARCHER, 200)));
        matrix.put("GET /portal/workspaces/{id}", new Row(Needs.WORKSPACE, x -> get("/portal/workspaces/" + x.workspace()),
                portalWorkspaceOwner(200, 200)));
        matrix.put("POST /portal/workspaces/{id}/close", new Row(Needs.WORKSPACE,
                x -> post("/portal/workspaces/" + x.workspace() + "/close"), portalWorkspaceOwner(302, 409)));
        matrix.put("GET /portal/audit", new Row(Needs.NOTHING, x -> get("/portal/audit"), pageRole(Role.AUDITOR, 200)));
        matrix.put("GET /portal/checker/preview", new Row(Needs.NOTHING, x -> get("/portal/checker/preview"), pageRole(Role.CHECKER, 200)));
        matrix.put("POST /portal/workspaces/{id}/jobs", new Row(Needs.WORKSPACE, x -> post("/portal/workspaces/" + x.workspace() + "/jobs")
                .param("sql", "SELECT age_band FROM t").param("kind", "rows"), portalWorkspaceOwner(302, 409)));
        matrix.put("GET /portal/jobs/{id}", new Row(Needs.JOB, x -> get("/portal/jobs/" + x.job()), portalWorkspaceOwner(200, 200)));
        matrix.put("POST /portal/jobs/{id}/cancel", new Row(Needs.JOB, x -> post("/portal/jobs/" + x.job() + "/cancel"),
                portalWorkspaceOwner(302, 302)));
        matrix.put("GET /portal/releases", new Row(Needs.NOTHING, x -> get("/portal/releases"), pageRole(Role.RESEARCHER, 200)));
        matrix.put("POST /portal/workspaces/{id}/releases", new Row(Needs.WORKSPACE, x -> post("/portal/workspaces/" + x.workspace()
                + "/releases").param("context", "c").param("controls", "k"), portalWorkspaceOwner(302, 409)));
        matrix.put("GET /portal/releases/{id}", new Row(Needs.RELEASE_SUBMITTED, x -> get("/portal/releases/" + x.release()),
                portalWorkspaceOwner(200, 200)));
        matrix.put("POST /portal/releases/{id}/outputs", new Row(Needs.RELEASE_DRAFT, x -> post("/portal/releases/" + x.release()
                + "/outputs").param("name", "t2").param("jobId", x.releaseJob().toString()), portalWorkspaceOwner(302, 409)));
        matrix.put("POST /portal/releases/{id}/outputs/{name}/remove", new Row(Needs.RELEASE_DRAFT,
                x -> post("/portal/releases/" + x.release() + "/outputs/t1/remove"), portalWorkspaceOwner(302, 409)));
        matrix.put("POST /portal/releases/{id}/submit", new Row(Needs.RELEASE_DRAFT,
                x -> post("/portal/releases/" + x.release() + "/submit"), portalWorkspaceOwner(302, 409)));
        matrix.put("POST /portal/releases/{id}/withdraw", new Row(Needs.RELEASE_DRAFT,
                x -> post("/portal/releases/" + x.release() + "/withdraw"), portalWorkspaceOwner(302, 302)));
        matrix.put("POST /portal/releases/{id}/release", new Row(Needs.RELEASE_APPROVED,
                x -> post("/portal/releases/" + x.release() + "/release"), portalWorkspaceOwner(302, 302)));
        matrix.put("GET /portal/releases/{id}/package", new Row(Needs.RELEASE_RELEASED,
                x -> get("/portal/releases/" + x.release() + "/package"), portalWorkspaceOwner(200, 200)));
        matrix.put("POST /portal/releases/{id}/comments", new Row(Needs.RELEASE_SUBMITTED,
                x -> post("/portal/releases/" + x.release() + "/comments").param("text", "a question"), portalWorkspaceOwner(302, 302)));
        matrix.put("GET /portal/checker", new Row(Needs.NOTHING, x -> get("/portal/checker"), pageRole(Role.CHECKER, 200)));
        matrix.put("GET /portal/checker/releases/{id}", new Row(Needs.RELEASE_SUBMITTED,
                x -> get("/portal/checker/releases/" + x.release()), portalReviewer(200)));
        matrix.put("POST /portal/checker/releases/{id}/votes", new Row(Needs.RELEASE_SUBMITTED,
                x -> post("/portal/checker/releases/" + x.release() + "/votes").param("decision", "APPROVE").param("reason", "safe"),
                portalReviewer(302)));
        matrix.put("POST /portal/checker/releases/{id}/comments", new Row(Needs.RELEASE_SUBMITTED,
                x -> post("/portal/checker/releases/" + x.release() + "/comments").param("visibility", "PRIVATE")
                        .param("text", "a note"), portalReviewer(302)));
    }

    /** Portal pages: anonymous callers are sent to the sign-in page (302). */
    static Function<Cell, Integer> page(int ok) {
        return c -> c.role() == null ? 302 : ok;
    }

    static Function<Cell, Integer> pageRole(Role role, int ok) {
        return c -> c.role() == null ? 302 : c.role() == role ? ok : 403;
    }

    static Function<Cell, Integer> portalCommitteeDecision() {
        return c -> c.role() == null ? 302 : c.role() == Role.COMMITTEE && !c.member() ? 302 : 403;
    }

    static Function<Cell, Integer> portalWorkspaceOwner(int ok, int late) {
        return c -> c.role() == null ? 302 : c.role() == Role.RESEARCHER && c.member() ? (c.inside() ? ok : late) : 403;
    }

    /** Portal review pages: checkers who are not members of the project (the route itself is the checkers'). */
    static Function<Cell, Integer> portalReviewer(int ok) {
        return c -> c.role() == null ? 302 : c.role() == Role.CHECKER && !c.member() ? ok : 403;
    }

    /** A portal session's authentication for a demo user (what the dev sign-in stores). */
    static UsernamePasswordAuthenticationToken session(String username) {
        return UsernamePasswordAuthenticationToken.authenticated(username, null, Fixtures.actor(username).roles().stream()
                .map(r -> new SimpleGrantedAuthority(r.authority())).toList());
    }

    static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, String body) {
        return b.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Autowired MockMvc mvc;
    @Autowired Fixtures fx;
    @Autowired ReleaseFixtures rx;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @Autowired JobRunner runner;
    @Autowired JobService jobs;

    @BeforeEach
    void pauseJobs() {
        runner.pause();
    }

    @AfterEach
    void resetClock() {
        fx.clock.reset();
        // The matrix's jobs never ran: close their workspaces' queues before the runner takes up work again.
        for (var w : fx.workspacesOf("alice")) {
            for (var j : jobs.ofWorkspace(Fixtures.actor("alice"), w)) {
                if (j.state() == org.enclave.api.job.JobState.QUEUED) {
                    jobs.cancel(Fixtures.actor("alice"), j.id());
                }
            }
        }
        runner.resume();
    }

    @Test
    void everyEndpointHasARow() {
        Set<String> endpoints = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().startsWith("org.enclave.api")) {
                continue; // springdoc's own controllers: public, covered by SecurityIT
            }
            for (var method : e.getKey().getMethodsCondition().getMethods()) {
                for (String pattern : e.getKey().getPatternValues()) {
                    endpoints.add(method.name() + " " + pattern);
                }
            }
        }
        assertThat(new TreeSet<>(matrix.keySet())).as("rows of the matrix vs endpoints of the API").isEqualTo(endpoints);
    }

    static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (boolean inside : new boolean[] {true, false}) {
            cells.add(new Cell(null, false, inside));
            for (Role role : Role.values()) {
                for (boolean member : new boolean[] {true, false}) {
                    cells.add(new Cell(role, member, inside));
                }
            }
        }
        return cells;
    }

    @Test
    void everyCellHasItsExpectedStatus() throws Exception {
        List<String> wrong = new ArrayList<>();
        int count = 0;
        for (Map.Entry<String, Row> row : matrix.entrySet()) {
            for (Cell cell : cells()) {
                Ctx ctx = fixture(row.getValue().needs(), cell);
                if (!cell.inside()) {
                    fx.clock.advance(Duration.ofDays(91)); // past the grant (90 days) and the workspace (7 days)
                }
                MockHttpServletRequestBuilder request = row.getValue().request().apply(ctx);
                boolean portal = row.getKey().equals("GET /") || row.getKey().contains(" /portal");
                if (portal) {
                    // The portal reads its session, never a bearer token; every POST carries its CSRF token.
                    request.with(csrf());
                    if (cell.username() != null) {
                        request.with(authentication(session(cell.username())));
                    }
                } else if (cell.username() != null) {
                    request.header("Authorization", fx.bearer(cell.username()));
                }
                var response = mvc.perform(request).andReturn().getResponse();
                int expected = row.getValue().expected().apply(cell);
                if (response.getStatus() != expected) {
                    wrong.add(row.getKey() + " as " + cell + ": expected " + expected + ", got " + response.getStatus()
                            + " " + response.getContentAsString());
                }
                assertThat(response.getContentAsString()).doesNotContain("Exception").doesNotContain("\tat ");
                fx.clock.reset();
                count++;
            }
        }
        assertThat(wrong).as("cells with an unexpected status").isEmpty();
        assertThat(count).isEqualTo(matrix.size() * 22);
    }

    private Ctx fixture(Needs needs, Cell cell) {
        DatasetId dataset = fx.sharedDataset();
        String[] members = cell.member() && cell.username() != null && !cell.username().equals("alice")
                ? new String[] {cell.username()} : new String[0];
        return switch (needs) {
            case NOTHING -> new Ctx(cell, dataset, null, null, fx);
            case DRAFT -> new Ctx(cell, dataset, fx.draft(members).id(), null, fx);
            case SUBMITTED -> new Ctx(cell, dataset, fx.submitted(members).id(), null, fx);
            case APPROVED -> new Ctx(cell, dataset, fx.approved(members).id(), null, fx);
            case REJECTED -> new Ctx(cell, dataset, fx.rejected(members).id(), null, fx);
            case APPEALED -> new Ctx(cell, dataset, fx.appealed(members).id(), null, fx);
            case CONSULTATION -> {
                Project p = fx.submitted(members);
                String consultee = p.isMember("sam") ? "stella" : "sam";
                yield new Ctx(cell, dataset, p.id(), null, fx, null, null, null, fx.consultation(p, consultee).id().toString());
            }
            case WORKSPACE -> {
                Project p = fx.approved(members);
                yield new Ctx(cell, dataset, p.id(), fx.workspace(p, "alice").id(), fx);
            }
            case JOB -> {
                Project p = fx.approved(members);
                WorkspaceId w = fx.workspace(p, "alice").id();
                JobId job = jobs.submit(Fixtures.actor("alice"), w, Analysis.parse(JSON.readTree(JOB_BODY))).id();
                yield new Ctx(cell, dataset, p.id(), w, fx, job, null, null, null);
            }
            case RELEASE_DRAFT, RELEASE_SUBMITTED, RELEASE_APPROVED, RELEASE_RELEASED -> {
                Project p = fx.approved(members);
                Workspace w = fx.workspace(p, "alice");
                ReleaseId release = switch (needs) {
                    case RELEASE_DRAFT -> rx.draft(w);
                    case RELEASE_SUBMITTED -> rx.submitted(w);
                    case RELEASE_APPROVED -> rx.approved(w);
                    default -> rx.released(w);
                };
                yield new Ctx(cell, dataset, p.id(), w.id(), fx, null, release, rx.job(w, Tables.SAFE), null);
            }
        };
    }

}
