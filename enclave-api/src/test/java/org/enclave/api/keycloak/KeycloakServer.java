package org.enclave.api.keycloak;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Keycloak with the {@code enclave} realm, run by the project's own scripts
 * ({@code infra/keycloak/start.sh --fresh} and {@code stop.sh}) on free loopback ports, with its state
 * in a folder of the test's choosing. {@code start.sh} fetches the distribution through {@code ./mvnw}
 * (from {@code ~/.m2} after the first time), so the test needs nothing installed.
 *
 * <p>{@code --fresh} re-imports the realm file at every run: the test always checks the realm as it is
 * in the repository, and the clients it adds through the admin API do not outlive the run.
 */
final class KeycloakServer implements AutoCloseable {

    static final String REALM = "enclave";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path repo;
    private final Path state;
    private final int port;
    private final int managementPort;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process starter;
    private Path starterLog;

    KeycloakServer(Path repo, Path state) throws IOException {
        this.repo = repo;
        this.state = state;
        this.port = freePort();
        this.managementPort = freePort();
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        this.adminPassword = HexFormat.of().formatHex(random);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The issuer every token of the realm carries, and the API's {@code issuer-uri}. */
    String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    /**
     * Launches {@code start.sh --fresh} without waiting for it: Keycloak's start-up (tens of seconds, more
     * the first time) then overlaps with whatever the caller starts next. See {@link #awaitReady}.
     */
    void launch() throws IOException, InterruptedException {
        Files.createDirectories(state);
        // A run killed before its clean-up may have left a Keycloak on this state folder: stop it first,
        // or start.sh would report it as already running (on other ports).
        script("stop.sh", Duration.ofSeconds(60));
        starterLog = state.resolveSibling(state.getFileName() + "-start.log");
        starter = command("start.sh", "--fresh").redirectErrorStream(true).redirectOutput(starterLog.toFile()).start();
    }

    /** Waits until {@code start.sh} reports the realm answering; fails with its output otherwise. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        if (!starter.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            starter.destroy();
            throw new IllegalStateException("Keycloak did not start within " + timeout + ":\n" + Files.readString(starterLog));
        }
        if (starter.exitValue() != 0) {
            throw new IllegalStateException("infra/keycloak/start.sh failed (exit " + starter.exitValue() + "):\n"
                    + Files.readString(starterLog));
        }
    }

    /** Stops Keycloak through {@code stop.sh}; safe to call whether or not it started. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (starter != null && starter.isAlive()) {
            starter.destroy();
            starter.waitFor(10, TimeUnit.SECONDS);
        }
        script("stop.sh", Duration.ofSeconds(90));
    }

    /** An access token by password grant (evaluation only: production turns this grant off). */
    String passwordGrant(String client, String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = post(issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", client, "username", username, "password", password, "scope", "openid"));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("password grant for " + username + " on " + client + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("access_token").asString();
    }

    /** A token of the master realm's bootstrap administrator: valid, signed by Keycloak, for another issuer. */
    String adminToken() throws IOException, InterruptedException {
        HttpResponse<String> r = post(baseUrl() + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", "admin", "password", adminPassword));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("admin token -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("access_token").asString();
    }

    /**
     * Adds a public client with the password grant to the realm through the admin REST API.
     *
     * @param audience the client whose id the audience mapper puts in {@code aud}, or null for none
     * @param accessTokenLifespan seconds, or null for the realm's default
     */
    void addClient(String clientId, String audience, Integer accessTokenLifespan) throws IOException, InterruptedException {
        var client = JSON.createObjectNode()
                .put("clientId", clientId).put("publicClient", true).put("directAccessGrantsEnabled", true)
                .put("standardFlowEnabled", false);
        if (accessTokenLifespan != null) {
            client.putObject("attributes").put("access.token.lifespan", accessTokenLifespan.toString());
        }
        if (audience != null) {
            client.putArray("protocolMappers").addObject()
                    .put("name", "audience").put("protocol", "openid-connect").put("protocolMapper", "oidc-audience-mapper")
                    .putObject("config").put("included.client.audience", audience).put("access.token.claim", "true")
                    .put("id.token.claim", "false");
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + REALM + "/clients"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("creating client " + clientId + " -> " + r.statusCode() + " " + r.body());
        }
    }

    static JsonNode claims(String token) {
        String payload = token.split("\\.")[1];
        return JSON.readTree(new String(java.util.Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String url, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void script(String name, Duration timeout) throws IOException, InterruptedException {
        Process p = command(name).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("infra/keycloak/" + name + " did not finish within " + timeout);
        }
    }

    private ProcessBuilder command(String script, String... args) {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add("bash");
        pb.command().add(repo.resolve("infra/keycloak").resolve(script).toString());
        pb.command().addAll(java.util.List.of(args));
        Map<String, String> env = pb.environment();
        env.put("KC_PORT", Integer.toString(port));
        env.put("KC_MGMT_PORT", Integer.toString(managementPort));
        env.put("ENCLAVE_KEYCLOAK_DIR", state.toString());
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        env.put("KC_START_TIMEOUT", "400");
        env.put("KC_STOP_GRACE", "30");
        // A short-lived Keycloak gains nothing from the optimising compiler, and on two busy cores its
        // compilations slow the start-up down: measured here, 83 s instead of 153 s to a first start.
        env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        pb.directory(repo.toFile());
        return pb;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
