package org.enclave.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.MountableFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production stack of {@code infra/compose} as containers: PostgreSQL 16 and Keycloak 26 with the
 * project's realm, and the API configured for them by properties only (no embedded database, no dev
 * issuer). Runs only where a Docker engine exists and skips cleanly elsewhere; every behaviour here is
 * also covered without Docker: the external-database path by {@code ExternalPostgresIT}'s twin checks
 * on the embedded server, Keycloak tokens by {@code keycloak.KeycloakIT} (Keycloak from Maven Central).
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = {"enclave.home=target/it-containers", "enclave.scheduling.enabled=false",
        "enclave.dev-issuer.enabled=false", "logging.level.root=WARN"})
@AutoConfigureMockMvc
class ContainerStackIT {

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16-alpine");

    @Container
    @SuppressWarnings("resource")
    static final GenericContainer<?> KEYCLOAK = new GenericContainer<>("quay.io/keycloak/keycloak:26.7.3")
            .withCopyFileToContainer(MountableFile.forHostPath(realm()), "/opt/keycloak/data/import/enclave-realm.json")
            .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
            .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", "container-test-only")
            .withCommand("start-dev", "--import-realm")
            .withExposedPorts(8080)
            .waitingFor(Wait.forHttp("/realms/enclave/.well-known/openid-configuration").forPort(8080)
                    .withStartupTimeout(Duration.ofMinutes(4)));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", POSTGRES::getJdbcUrl);
        registry.add("spring.datasource.username", POSTGRES::getUsername);
        registry.add("spring.datasource.password", POSTGRES::getPassword);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ContainerStackIT::issuer);
    }

    @Autowired MockMvc mvc;

    static Path realm() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("infra/keycloak/enclave-realm.json");
            if (candidate.toFile().isFile()) {
                return candidate;
            }
        }
        throw new IllegalStateException("infra/keycloak/enclave-realm.json not found");
    }

    static String issuer() {
        return "http://" + KEYCLOAK.getHost() + ":" + KEYCLOAK.getMappedPort(8080) + "/realms/enclave";
    }

    static String token(String user) throws Exception {
        String form = "grant_type=password&client_id=enclave-cli&scope=openid&username=" + user
                + "&password=" + URLEncoder.encode("demo-only-" + user, StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer()
                        + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("access_token").asString();
    }

    @Test
    void theApiRunsOnTheContainerStackWithKeycloakTokens() throws Exception {
        String researcher = token("researcher1");
        String body = mvc.perform(get("/api/me").header("Authorization", "Bearer " + researcher))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).contains("researcher1").contains("RESEARCHER");
        // A researcher may not register datasets; a steward may.
        String dataset = """
                {"name":"containers","description":"d","owner":"o","sensitivity":"LOW","licence":"l","retentionDays":30}""";
        assertThat(mvc.perform(post("/api/datasets").header("Authorization", "Bearer " + researcher)
                .contentType(MediaType.APPLICATION_JSON).content(dataset)).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/api/datasets").header("Authorization", "Bearer " + token("steward1"))
                .contentType(MediaType.APPLICATION_JSON).content(dataset)).andReturn().getResponse().getStatus()).isEqualTo(201);
        // A tampered token is refused.
        String[] parts = researcher.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThat(mvc.perform(get("/api/me").header("Authorization", "Bearer " + tampered)).andReturn().getResponse().getStatus())
                .isEqualTo(401);
    }
}
