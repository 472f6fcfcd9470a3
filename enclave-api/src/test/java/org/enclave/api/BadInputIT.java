package org.enclave.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.enclave.api.support.EnclaveIT;
import org.enclave.api.support.Fixtures;
import org.enclave.api.support.LakeFixture;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input: 400 naming the field, 404 for unknown ids, 413 for oversized bodies, dates in the wrong
 * order, manifests that do not verify; every answer a problem detail without internal detail.
 */
@EnclaveIT
class BadInputIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;
    @Autowired Fixtures fx;

    ResultActions send(MockHttpServletRequestBuilder request, String user, String body) throws Exception {
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request.header("Authorization", fx.bearer(user)))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Exception"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("\tat "))));
    }

    @Test
    void validationErrorsNameTheField() throws Exception {
        send(post("/api/datasets"), "sam", """
                {"name":"Not A Name","description":"","owner":"o","sensitivity":"LOW","licence":"l","retentionDays":0}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("name", "description", "retentionDays")));
        send(post("/api/datasets"), "sam", """
                {"name":"ok_name","description":"d","owner":"o","sensitivity":"SECRET","licence":"l","retentionDays":1}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("sensitivity")));
        send(post("/api/datasets"), "sam", "{not json").andExpect(status().isBadRequest());
        send(get("/api/audit/entries?limit=100000"), "audrey", null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
    }

    @Test
    void unknownIdsAre404AndMalformedIds400() throws Exception {
        String unknown = UUID.randomUUID().toString();
        send(get("/api/datasets/" + unknown), "bob", null).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("/problems/not-found"));
        send(get("/api/datasets/" + fx.sharedDataset() + "/versions/99"), "bob", null).andExpect(status().isNotFound());
        send(get("/api/projects/" + unknown), "carol", null).andExpect(status().isNotFound());
        send(post("/api/projects/" + unknown + "/submit"), "alice", null).andExpect(status().isNotFound());
        send(get("/api/workspaces/" + unknown + "/access"), "alice", null).andExpect(status().isNotFound());
        send(get("/api/datasets/not-a-uuid"), "bob", null).andExpect(status().isBadRequest());
        send(get("/api/nothing-here"), "bob", null).andExpect(status().isNotFound());
    }

    @Test
    void oversizedBodiesAreRefused() throws Exception {
        String huge = "{\"reason\":\"" + "x".repeat(70_000) + "\"}";
        send(post("/api/projects/" + UUID.randomUUID() + "/reject"), "carol", huge)
                .andExpect(status().is(413))
                .andExpect(jsonPath("$.type").value("/problems/body-too-large"));
    }

    @Test
    void datesInTheWrongOrderAreRefused() throws Exception {
        Instant now = Instant.now();
        send(post("/api/projects"), "alice", """
                {"title":"t","purpose":"p","legalBasis":"l","requestedFrom":"%s","requestedUntil":"%s",
                 "datasets":[{"datasetId":"%s","columns":["pid"]}]}""".formatted(now, now.minus(Duration.ofDays(1)), fx.sharedDataset()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("requestedUntil"));
        var submitted = fx.submitted();
        send(post("/api/projects/" + submitted.id() + "/approve"), "carol", """
                {"validFrom":"%s","validUntil":"%s","reason":"ok","columns":[{"datasetId":"%s","columns":["pid"]}]}"""
                .formatted(now.plus(Duration.ofDays(9)), now.plus(Duration.ofDays(1)), fx.sharedDataset()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("validUntil"));
        send(post("/api/projects"), "alice", """
                {"title":"t","purpose":"p","legalBasis":"l","requestedFrom":"yesterday","requestedUntil":"%s",
                 "datasets":[{"datasetId":"%s","columns":["pid"]}]}""".formatted(now, fx.sharedDataset()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("requestedFrom")));
    }

    @Test
    void unknownColumnsAndOverGrantsAreRefused() throws Exception {
        Instant now = Instant.now();
        send(post("/api/projects"), "alice", """
                {"title":"t","purpose":"p","legalBasis":"l","requestedFrom":"%s","requestedUntil":"%s",
                 "datasets":[{"datasetId":"%s","columns":["pid","nir"]}]}""".formatted(now, now.plus(Duration.ofDays(1)), fx.sharedDataset()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("datasets[0].columns"));
        var submitted = fx.submitted();
        send(post("/api/projects/" + submitted.id() + "/approve"), "carol", """
                {"validFrom":"%s","validUntil":"%s","reason":"ok","columns":[{"datasetId":"%s","columns":["region"]}]}"""
                .formatted(now, now.plus(Duration.ofDays(1)), fx.sharedDataset()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("columns"));
    }

    @Test
    void aManifestThatDoesNotVerifyIsRefused() throws Exception {
        String location = fx.lakeFolder();
        Path data = fx.lake().resolve(location).resolve("part-00000.parquet");
        byte[] bytes = Files.readAllBytes(data);
        bytes[0] ^= 0x55;
        Files.write(data, bytes);
        String columns = JSON.writeValueAsString(LakeFixture.COLUMNS);
        send(post("/api/datasets/" + fx.sharedDataset() + "/versions"), "sam",
                "{\"location\":\"" + location + "\",\"columns\":" + columns + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("location"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("SHA-256")));
        send(post("/api/datasets/" + fx.sharedDataset() + "/versions"), "sam",
                "{\"location\":\"../../etc\",\"columns\":" + columns + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("location"));
        send(post("/api/datasets/" + fx.sharedDataset() + "/versions"), "sam",
                "{\"location\":\"" + fx.lakeFolder() + "\",\"columns\":" + columns.replace("int32", "int64") + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("columns"));
        assertThat(location).isNotBlank();
    }

    @Test
    void illegalTransitionsAre409() throws Exception {
        var approved = fx.approved();
        send(post("/api/projects/" + approved.id() + "/submit"), "alice", null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("project is APPROVED: it cannot become SUBMITTED"));
        String name = "dup_" + UUID.randomUUID().toString().replace("-", "");
        mvc.perform(post("/api/datasets").header("Authorization", fx.bearer("sam")).contentType(MediaType.APPLICATION_JSON).content("""
                {"name":"%s","description":"d","owner":"o","sensitivity":"LOW","licence":"l","retentionDays":1}""".formatted(name)))
                .andExpect(status().isCreated());
        send(post("/api/datasets"), "sam", """
                {"name":"%s","description":"d","owner":"o","sensitivity":"LOW","licence":"l","retentionDays":1}""".formatted(name))
                .andExpect(status().isConflict());
    }
}
