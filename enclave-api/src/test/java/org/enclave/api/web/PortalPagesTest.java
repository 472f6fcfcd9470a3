package org.enclave.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.enclave.policies.Outcome;
import org.enclave.policies.check.CheckResult;
import org.enclave.policies.check.DisclosureCheck;
import org.enclave.policies.policy.PolicyLoader;
import org.enclave.policies.table.TableReader;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;

/** Fast checks of the portal's pieces: templates, the SDC table view, the Keycloak client registration. */
class PortalPagesTest {

    static final Path TEMPLATES = Path.of("src/main/resources/templates");

    @Test
    void templatesHoldNoInlineScriptStyleOrHandler() throws IOException {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern style = Pattern.compile("<style|\\sstyle=|th:style=", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("\\s(th:)?on[a-z]+=", Pattern.CASE_INSENSITIVE);
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String html = Files.readString(f);
                if (inlineScript.matcher(html).find() || style.matcher(html).find() || handler.matcher(html).find()) {
                    problems.add(f.toString());
                }
            }
        }
        assertThat(problems).as("templates that the CSP would break").isEmpty();
    }

    @Test
    void sdcViewLaysOutTheExampleAsAGridWithEveryCellsVerdict() throws Exception {
        CheckResult r;
        try (InputStream in = Files.newInputStream(Path.of("../policies/examples/hospital-costs.json"))) {
            r = new DisclosureCheck(PolicyLoader.tier("standard")).check(TableReader.read(in, "t"), "t");
        }
        SdcTableView v = SdcTableView.of("Hospital costs", r);
        assertThat(v.grid()).isTrue();
        assertThat(v.columnHeaders()).containsExactly("F", "M", "Total");
        assertThat(v.rows()).extracting(SdcTableView.GridRow::header).containsExactly("North", "South", "East", "Total");
        long primary = v.cells().stream().filter(c -> c.outcome().equals("primary")).count();
        long secondary = v.cells().stream().filter(c -> c.outcome().equals("secondary")).count();
        assertThat(primary).isEqualTo(r.primaryCount()).isPositive();
        assertThat(secondary).isEqualTo(r.secondaryCount()).isPositive();
        for (int i = 0; i < r.size(); i++) {
            SdcTableView.CellView c = v.cells().get(i);
            if (r.outcome(i) == Outcome.PRIMARY) {
                assertThat(c.reasons()).startsWith("Primary suppression.");
                assertThat(c.reasonIds()).isNotEmpty();
                assertThat(c.published()).isEqualTo("suppressed");
                assertThat(c.css()).contains("sdc-primary");
            }
        }
        SdcTableView.CellView southF = v.rows().get(1).cells().get(0);
        assertThat(southF.reasons()).contains("Threshold: 6 units, fewer than the minimum of 10.");
    }

    @Test
    void keycloakClientIsPublicAndEveryAuthorizationRequestCarriesPkce() {
        ClientRegistration reg = PortalOidcConfiguration.registration("http://127.0.0.1:8180/realms/enclave/", "enclave-portal");
        assertThat(reg.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.NONE);
        assertThat(reg.getProviderDetails().getAuthorizationUri())
                .isEqualTo("http://127.0.0.1:8180/realms/enclave/protocol/openid-connect/auth");
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
                new InMemoryClientRegistrationRepository(reg), PortalOidcConfiguration.AUTHORIZATION_BASE);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/portal/oauth2/authorization/keycloak");
        request.setServletPath("/portal/oauth2/authorization/keycloak");
        request.setServerName("127.0.0.1");
        request.setServerPort(8080);
        OAuth2AuthorizationRequest auth = resolver.resolve(request);
        assertThat(auth).isNotNull();
        assertThat(auth.getAdditionalParameters()).containsEntry(PkceParameterNames.CODE_CHALLENGE_METHOD, "S256")
                .containsKey(PkceParameterNames.CODE_CHALLENGE);
        assertThat(auth.getRedirectUri()).isEqualTo("http://127.0.0.1:8080/portal/login/oauth2/code/keycloak");
        assertThat(auth.getScopes()).contains("openid");
    }

    @Test
    void durationsReadAsWords() {
        assertThat(Fmt.words(java.time.Duration.ofHours(50))).isEqualTo("2 days 2 h");
        assertThat(Fmt.words(java.time.Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(Fmt.words(java.time.Duration.ofSeconds(5))).isEqualTo("1 min");
    }
}
