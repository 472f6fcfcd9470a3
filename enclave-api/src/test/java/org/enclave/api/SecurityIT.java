package org.enclave.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.enclave.api.support.EnclaveIT;
import org.enclave.api.support.Fixtures;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** Tokens, claims, public endpoints (health, metrics, OpenAPI), and audited refusals. */
@EnclaveIT
class SecurityIT {

    @Autowired MockMvc mvc;
    @Autowired Fixtures fx;
    @Autowired JdbcTemplate jdbc;

    @Test
    void devTokensCarryKeycloakClaims() throws Exception {
        String body = mvc.perform(post("/dev/token").contentType(MediaType.APPLICATION_JSON).content("{\"username\":\"stella\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.roles", Matchers.contains("committee", "steward")))
                .andReturn().getResponse().getContentAsString();
        String token = body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("http://127.0.0.1/dev");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("preferred_username")).isEqualTo("stella");
        assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("realm_access")).containsKey("roles");
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("stella"))
                .andExpect(jsonPath("$.roles", Matchers.contains("STEWARD", "COMMITTEE")));
        mvc.perform(post("/dev/token").contentType(MediaType.APPLICATION_JSON).content("{\"username\":\"mallory\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("username"));
    }

    @Test
    void missingForgedOrForeignTokensAre401() throws Exception {
        mvc.perform(get("/api/datasets")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", Matchers.startsWith("Bearer")))
                .andExpect(jsonPath("$.type").value("/problems/unauthorized"));
        mvc.perform(get("/api/datasets").header("Authorization", "Bearer not.a.token")).andExpect(status().isUnauthorized());
        // Same claims, signed by a key the API does not trust.
        var foreign = new RSAKeyGenerator(2048).keyID("k").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k").build(), new JWTClaimsSet.Builder()
                .issuer("http://127.0.0.1/dev").claim("preferred_username", "audrey")
                .claim("realm_access", Map.of("roles", List.of("auditor")))
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build());
        jwt.sign(new RSASSASigner(foreign));
        mvc.perform(get("/api/audit/entries").header("Authorization", "Bearer " + jwt.serialize())).andExpect(status().isUnauthorized());
        // A tampered payload of a genuine token.
        String genuine = fx.bearer("bob").substring(7);
        String[] parts = genuine.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("researcher", "auditor\",\"x").getBytes()) + "." + parts[2];
        mvc.perform(get("/api/audit/entries").header("Authorization", "Bearer " + forged)).andExpect(status().isUnauthorized());
    }

    @Test
    void healthMetricsAndOpenApiArePublic() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(Matchers.containsString("jvm_memory_used_bytes")));
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/projects/{id}/approve']").exists());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
        mvc.perform(get("/actuator/env")).andExpect(status().is4xxClientError());
    }

    @Test
    void refusalsAreAudited() throws Exception {
        long before = jdbc.queryForObject("select count(*) from audit_entry where outcome = 'DENIED' and actor = 'chris'", Long.class);
        mvc.perform(post("/api/datasets").header("Authorization", fx.bearer("chris")).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden());
        var p = fx.approved();
        mvc.perform(get("/api/projects/" + p.id()).header("Authorization", fx.bearer("chris"))).andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where outcome = 'DENIED' and actor = 'chris'", Long.class))
                .isEqualTo(before + 2);
    }
}
