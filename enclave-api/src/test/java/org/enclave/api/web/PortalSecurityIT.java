package org.enclave.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.enclave.api.support.EnclaveIT;
import org.enclave.api.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The portal's chain beside the API's: security headers on every portal response, CSRF required on
 * POST, bearer tokens ignored by the portal and sessions never created by the API, and a dev sign-in
 * that yields the same user and roles as the dev token.
 */
@EnclaveIT
class PortalSecurityIT {

    @Autowired MockMvc mvc;
    @Autowired Fixtures fx;

    @Test
    void portalResponsesCarryTheStrictHeaders() throws Exception {
        MockHttpServletResponse r = mvc.perform(get("/portal/login")).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getHeader("Content-Security-Policy")).isEqualTo("default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(r.getContentAsString()).contains("name=\"_csrf\"").doesNotContain("<script>").doesNotContain("style=");
    }

    @Test
    void aPostWithoutItsCsrfTokenIsRefused() throws Exception {
        assertThat(mvc.perform(post("/portal/login/dev").param("username", "alice")).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        MockHttpSession session = signIn("alice");
        assertThat(mvc.perform(post("/portal/projects/new").session(session).param("title", "t")).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
    }

    @Test
    void devSignInGivesTheSameUserAndRolesAsTheApi() throws Exception {
        MockHttpSession session = signIn("stella");
        String home = mvc.perform(get("/portal").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(home).contains("Welcome, stella").contains(">committee<").contains(">steward<");
        // stella is steward and committee: the committee queue opens, the auditor's page does not.
        assertThat(mvc.perform(get("/portal/committee").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/portal/audit").session(session)).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/portal/login/dev").with(csrf()).param("username", "nobody")).andReturn().getResponse()
                .getRedirectedUrl()).isEqualTo("/portal/login?unknown");
    }

    @Test
    void thePortalIgnoresBearerTokensAndTheApiIgnoresSessions() throws Exception {
        MockHttpServletResponse portal = mvc.perform(get("/portal/projects").header("Authorization", fx.bearer("alice")))
                .andReturn().getResponse();
        assertThat(portal.getStatus()).isEqualTo(302);
        assertThat(portal.getRedirectedUrl()).endsWith("/portal/login");

        MockHttpSession session = signIn("alice");
        MockHttpServletResponse api = mvc.perform(get("/api/me").session(session)).andReturn().getResponse();
        assertThat(api.getStatus()).isEqualTo(401);
        MockHttpServletResponse bearer = mvc.perform(get("/api/me").header("Authorization", fx.bearer("alice"))).andReturn().getResponse();
        assertThat(bearer.getStatus()).isEqualTo(200);
        assertThat(bearer.getCookie("ENCLAVE_PORTAL")).isNull();
        assertThat(bearer.getHeader("Set-Cookie")).isNull();
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        MockHttpSession session = signIn("alice");
        MockHttpServletResponse out = mvc.perform(post("/portal/logout").session(session).with(csrf())).andReturn().getResponse();
        assertThat(out.getRedirectedUrl()).isEqualTo("/portal/login?signedOut");
        assertThat(session.isInvalid()).isTrue();
    }

    private MockHttpSession signIn(String username) throws Exception {
        MockHttpSession session = new MockHttpSession();
        MockHttpServletResponse r = mvc.perform(post("/portal/login/dev").session(session).with(csrf()).param("username", username))
                .andReturn().getResponse();
        assertThat(r.getRedirectedUrl()).isEqualTo("/portal");
        return session;
    }
}
