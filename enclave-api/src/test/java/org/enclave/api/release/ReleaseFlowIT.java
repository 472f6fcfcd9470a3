package org.enclave.api.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.enclave.api.project.Project;
import org.enclave.api.support.EnclaveIT;
import org.enclave.api.support.Fixtures;
import org.enclave.api.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The airlock over HTTP with the fixture job outputs: a researcher requests a release, two checkers
 * approve, the researcher releases, downloads and verifies the signed package; and the refusals.
 */
@EnclaveIT
class ReleaseFlowIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;
    @Autowired Fixtures fx;
    @Autowired ReleaseFixtures rx;
    @Autowired JdbcTemplate jdbc;
    @TempDir Path tmp;

    @AfterEach
    void resetClock() {
        fx.clock.reset();
    }

    private JsonNode call(MockHttpServletRequestBuilder request, String user, int expected) throws Exception {
        if (user != null) {
            request.header("Authorization", fx.bearer(user));
        }
        MvcResult r = mvc.perform(request).andReturn();
        String body = r.getResponse().getContentAsString();
        assertThat(r.getResponse().getStatus()).as(body).isEqualTo(expected);
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
        return body.isEmpty() || !body.startsWith("{") && !body.startsWith("[") ? null : JSON.readTree(body);
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, String body) {
        return b.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private String create(Workspace w, String user, int expected) throws Exception {
        JsonNode r = call(json(post("/api/releases"), """
                {"workspaceId":"%s","context":"stays by region, 2020-2024","controls":"small cells suppressed by the policy"}"""
                .formatted(w.id())), user, expected);
        return r != null && r.has("id") ? r.get("id").asString() : null;
    }

    private JsonNode putOutput(String id, String name, UUID job, String user, int expected) throws Exception {
        return call(json(put("/api/releases/" + id + "/outputs/" + name), "{\"jobId\":\"" + job + "\"}"), user, expected);
    }

    private JsonNode vote(String id, String user, String decision, int expected) throws Exception {
        return call(json(post("/api/releases/" + id + "/votes"), "{\"decision\":\"" + decision + "\",\"reason\":\"checked " + decision + "\"}"),
                user, expected);
    }

    @Test
    void researcherRequestsTwoCheckersApproveResearcherDownloadsAndVerifiesTheSignedPackage() throws Exception {
        Project p = fx.approved();
        Workspace w = fx.workspace(p, "alice");
        String id = create(w, "alice", 201);
        JsonNode draft = putOutput(id, "by_region", rx.job(w, Tables.ONE_SMALL_CELL), "alice", 200);
        assertThat(draft.at("/outputs/0/verdict").asString()).isEqualTo("pass");
        assertThat(draft.at("/outputs/0/summary").asString()).startsWith("1 cell suppressed: threshold 1");
        assertThat(draft.at("/outputs/0/computeVerdict").asString()).isEqualTo("not-evaluated");
        assertThat(draft.at("/outputs/0").has("sdcRecord")).as("per-cell verdicts are for checkers").isFalse();
        putOutput(id, "by_age", rx.job(w, Tables.SAFE), "alice", 200);
        assertThat(draft.get("allowedMoves").toString()).contains("EDIT_OUTPUTS", "SUBMIT", "WITHDRAW");
        call(get("/api/releases/" + id), "chris", 403); // checkers see a request once it is submitted

        JsonNode submitted = call(post("/api/releases/" + id + "/submit"), "alice", 200);
        assertThat(submitted.get("state").asString()).isEqualTo("SUBMITTED");
        assertThat(call(get("/api/releases/queue"), "chris", 200).toString()).contains(id);
        JsonNode forChris = call(get("/api/releases/" + id), "chris", 200);
        assertThat(forChris.get("allowedMoves").toString()).contains("VOTE", "COMMENT").doesNotContain("SUBMIT");
        assertThat(forChris.at("/outputs/0/sdcRecord/cells").size()).isEqualTo(2);

        JsonNode afterOne = vote(id, "chris", "APPROVE", 200);
        assertThat(afterOne.get("state").asString()).isEqualTo("PARTIALLY_REVIEWED");
        assertThat(afterOne.get("votes").size()).isEqualTo(1);
        JsonNode forChloe = call(get("/api/releases/" + id), "chloe", 200);
        assertThat(forChloe.get("votesCast").asInt()).isEqualTo(1);
        assertThat(forChloe.get("votes").size()).as("the other checker's vote is hidden").isZero();
        assertThat(call(get("/api/releases/" + id), "alice", 200).get("votes").size()).isZero();
        call(post("/api/releases/" + id + "/release"), "alice", 409); // one vote only
        vote(id, "chris", "APPROVE", 409);                              // the same checker twice
        call(json(post("/api/releases/" + id + "/comments"), "{\"visibility\":\"PRIVATE\",\"text\":\"looks fine to me\"}"), "chloe", 201);

        JsonNode approved = vote(id, "chloe", "APPROVE", 200);
        assertThat(approved.get("state").asString()).isEqualTo("APPROVED");
        assertThat(approved.get("votes").size()).isEqualTo(2);
        JsonNode forAlice = call(get("/api/releases/" + id), "alice", 200);
        assertThat(forAlice.get("votes").size()).isEqualTo(2);
        assertThat(forAlice.toString()).doesNotContain("checked APPROVE").doesNotContain("looks fine to me");
        assertThat(forAlice.has("differencing")).isFalse();
        call(json(post("/api/releases/" + id + "/comments"), "{\"visibility\":\"PRIVATE\",\"text\":\"psst\"}"), "alice", 403);
        call(json(post("/api/releases/" + id + "/comments"), "{\"visibility\":\"PUBLIC\",\"text\":\"thank you\"}"), "alice", 201);
        call(get("/api/releases/" + id + "/package"), "alice", 409); // not released yet

        JsonNode released = call(post("/api/releases/" + id + "/release"), "alice", 200);
        assertThat(released.get("state").asString()).isEqualTo("RELEASED");
        assertThat(released.get("allowedMoves").toString()).contains("DOWNLOAD");

        call(get("/api/releases/" + id + "/package"), "chris", 403);
        call(get("/api/releases/" + id + "/package"), "rachel", 403);
        MvcResult download = mvc.perform(get("/api/releases/" + id + "/package").header("Authorization", fx.bearer("alice"))).andReturn();
        assertThat(download.getResponse().getStatus()).isEqualTo(200);
        assertThat(download.getResponse().getContentType()).isEqualTo("application/zip");
        byte[] zip = download.getResponse().getContentAsByteArray();
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'release.downloaded' and subject_id = ?",
                Integer.class, id)).isEqualTo(1);

        // The public key is published without a token; the package verifies offline with it.
        String pem = mvc.perform(get("/api/releases/public-key")).andReturn().getResponse().getContentAsString();
        Path keyFile = Files.writeString(tmp.resolve("release.pub"), pem);
        Path zipFile = Files.write(tmp.resolve("release.zip"), zip);
        ReleasePublicKey key = ReleasePublicKey.parse(Files.readString(keyFile));
        assertThat(ReleaseVerifier.verify(zipFile, key).valid()).as(ReleaseVerifier.verify(zipFile, key).summary()).isTrue();
        assertThat(entry(zip, "tables/by_region.csv")).isEqualTo("region,margin,count,status\n11,false,20,ok\n24,false,,suppressed\n");
        assertThat(entry(zip, "sdc-record.json")).contains("\"jobId\"").doesNotContain("checked APPROVE");
        assertThat(entry(zip, "acro-results.json")).contains("\"by_age\"", "alice: thank you").doesNotContain("looks fine to me");

        // Tampering: a withheld cell filled in after release.
        Path tampered = Files.write(tmp.resolve("tampered.zip"), replace(zip, "tables/by_region.csv",
                "region,margin,count,status\n11,false,20,ok\n24,false,3,ok\n"));
        assertThat(ReleaseVerifier.verify(tampered, key).problem()).isEqualTo("checksum mismatch: tables/by_region.csv has been changed");
        assertThat(ReleaseVerifyCommand.run(new String[] {"release-verify", "--package", tampered.toString(), "--public-key",
                keyFile.toString()}, System.out, System.err)).isEqualTo(1);
        assertThat(ReleaseVerifyCommand.run(new String[] {"release-verify", "--package", zipFile.toString(), "--public-key",
                keyFile.toString()}, System.out, System.err)).isEqualTo(0);
    }

    @Test
    void refusals() throws Exception {
        Project p = fx.approved("bob");
        Workspace w = fx.workspace(p, "alice");
        // Wrong project, or not the workspace's owner.
        create(w, "rachel", 403);
        create(w, "bob", 403);
        String id = create(w, "alice", 201);
        call(get("/api/releases/" + id), "rachel", 403);
        call(get("/api/releases/" + id), "bob", 403);
        Workspace other = fx.workspace(fx.approved(), "alice");
        putOutput(id, "elsewhere", rx.job(other, Tables.SAFE), "alice", 400);
        putOutput(id, "unknown", UUID.randomUUID(), "alice", 400);
        putOutput(id, "bad..name", rx.job(w, Tables.SAFE), "alice", 400);
        call(post("/api/releases/" + id + "/submit"), "alice", 409); // no output yet

        // A failing table: submitted, never approved, only returned or rejected; changing it resets reviews.
        putOutput(id, "maxima", rx.job(w, Tables.FAILS), "alice", 200);
        assertThat(call(post("/api/releases/" + id + "/submit"), "alice", 200).at("/outputs/0/verdict").asString()).isEqualTo("fail");
        vote(id, "alice", "APPROVE", 403); // the author never reviews (not a checker)
        JsonNode refused = vote(id, "chris", "APPROVE", 409);
        assertThat(refused.get("detail").asString()).contains("output maxima fails the disclosure policy")
                .contains("can only be returned or rejected");
        vote(id, "chris", "REQUEST_CHANGES", 200);
        assertThat(vote(id, "chloe", "REQUEST_CHANGES", 200).get("state").asString()).isEqualTo("RETURNED");
        call(delete("/api/releases/" + id + "/outputs/maxima"), "alice", 200);
        JsonNode reset = putOutput(id, "by_age", rx.job(w, Tables.SAFE), "alice", 200);
        assertThat(reset.get("votesCast").asInt()).isZero();
        assertThat(reset.get("round").asInt()).isGreaterThan(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'release.reviews.reset' and subject_id = ?",
                Integer.class, id)).isEqualTo(1);

        // Expired workspace: nothing is submitted from it any more (refused at once, before any sweep).
        fx.clock.advance(Duration.ofDays(8));
        call(post("/api/releases/" + id + "/submit"), "alice", 409);
        create(w, "alice", 409);
        fx.clock.reset();

        // A checker who is a member of the project never reviews it.
        Project withChris = fx.approved("chris");
        Workspace w2 = fx.workspace(withChris, "alice");
        ReleaseId r2 = rx.submitted(w2);
        vote(r2.toString(), "chris", "APPROVE", 403);
        call(get("/api/releases/" + r2), "chris", 403);
        assertThat(call(get("/api/releases/queue"), "chris", 200).toString()).doesNotContain(r2.toString());
        call(post("/api/releases/" + r2 + "/withdraw"), "alice", 200);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'request.refused' and actor = 'chris'"
                + " and subject_id = ?", Integer.class, "POST /api/releases/" + r2 + "/votes")).isEqualTo(1);
    }

    @Test
    void aDifferencingFlagIsShownToCheckersOnly() throws Exception {
        Project p = fx.approved();
        Workspace w = fx.workspace(p, "alice");
        String first = create(w, "alice", 201);
        putOutput(first, "first", rx.job(w, Tables.RELEASED_FIRST), "alice", 200);
        call(post("/api/releases/" + first + "/submit"), "alice", 200);
        assertThat(call(get("/api/releases/" + first), "chris", 200).get("differencing").size()).isZero();
        vote(first, "chris", "APPROVE", 200);
        vote(first, "chloe", "APPROVE", 200);
        call(post("/api/releases/" + first + "/release"), "alice", 200);

        String second = create(w, "alice", 201);
        putOutput(second, "smaller", rx.job(w, Tables.NESTED_IN_FIRST), "alice", 200);
        JsonNode forAlice = call(post("/api/releases/" + second + "/submit"), "alice", 200);
        assertThat(forAlice.has("differencing")).isFalse();
        assertThat(forAlice.toString()).doesNotContain("nested-populations");
        JsonNode forChris = call(get("/api/releases/" + second), "chris", 200);
        JsonNode flags = forChris.get("differencing");
        assertThat(flags.size()).isGreaterThanOrEqualTo(2);
        assertThat(flags.toString()).contains("NESTED_POPULATIONS", "release " + first + ": first", "this request: smaller");
        assertThat(flags.findValues("units")).allSatisfy(u -> assertThat(u.asLong()).isEqualTo(3));
        assertThat(call(get("/api/releases/" + second), "alice", 200).toString()).doesNotContain("NESTED_POPULATIONS");
    }

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
                byte[] data = in.readAllBytes();
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(e.getName().equals(name) ? content.getBytes(StandardCharsets.UTF_8) : data);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
