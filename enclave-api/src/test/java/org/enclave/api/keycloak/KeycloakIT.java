package org.enclave.api.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.enclave.api.support.LakeFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The production identity path, for real: Keycloak 26 with the repository's {@code enclave} realm
 * ({@code infra/keycloak/start.sh}) and the API as a process ({@code bin/enclave-api}) in
 * resource-server mode, {@code issuer-uri} pointing at the realm and no development issuer. Tokens come
 * from Keycloak by password grant on {@code enclave-cli} for the realm's demo users
 * ({@code infra/keycloak/demo-users.md}), read from the realm file itself so the two cannot drift.
 *
 * <p>Every role gets at least one call allowed and one refused, through the real flow (dataset,
 * application, decision, workspace, audit). Then what must be refused: a tampered payload under a
 * genuine signature, {@code alg: none}, a token of the realm without {@code aud: enclave-api}, a token
 * of another issuer (the master realm), and an expired token. Keycloak and the API are stopped in all
 * cases ({@link #stop}, and a shutdown hook if the JVM is asked to exit first).
 *
 * <p>Expiry: rather than waiting out the realm's 5-minute lifespan, the test adds a client whose
 * {@code access.token.lifespan} is 5 s. The API runs with {@code enclave.security.clock-skew=PT2S}
 * (production default 60 s, Spring Security's), so its tokens are refused 7 s after they were issued; the
 * check runs last and waits only for what remains of that.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CLI = "enclave-cli";
    /** The API's allowance for clock skew when it checks {@code exp} (enclave.security.clock-skew). */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(2);
    private static final int SHORT_LIFESPAN_SECONDS = 5;

    private final Path repo = Path.of("").toAbsolutePath().getParent();
    private final Path work = Path.of("target", "keycloak-it").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Map<String, List<String>> roles = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private KeycloakServer keycloak;
    private ApiProcess api;
    private Thread hook;
    private String shortLived;
    private Instant shortLivedExpiry;
    private int shortLivedWhileFresh;

    @BeforeAll
    void start() throws Exception {
        long t0 = System.nanoTime();
        readDemoUsers(repo.resolve("infra/keycloak/enclave-realm.json"));
        keycloak = new KeycloakServer(repo, work.resolve("state"));
        api = new ApiProcess(work.resolve("api.log"));
        hook = new Thread(this::stopQuietly, "keycloak-it-stop");
        Runtime.getRuntime().addShutdownHook(hook);

        // Keycloak and the API start side by side: the API looks the issuer up only at the first token.
        keycloak.launch();
        Path home = work.resolve("home");
        deleteRecursively(home);
        LakeFixture.write(home.resolve("lake/kc/v1"), LakeFixture.COLUMNS);
        api.launch(repo, List.of(
                "--server.address=127.0.0.1",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + keycloak.issuer(),
                "--enclave.home=" + home,
                "--enclave.scheduling.enabled=false",
                "--enclave.security.clock-skew=" + CLOCK_SKEW,
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        api.awaitHealthy(Duration.ofMinutes(4));
        long apiReady = System.nanoTime();
        keycloak.awaitReady(Duration.ofMinutes(7));
        long keycloakReady = System.nanoTime();

        for (String user : passwords.keySet()) {
            tokens.put(user, keycloak.passwordGrant(CLI, user, passwords.get(user)));
        }
        // The first token makes the API look the issuer and its keys up; after that a call takes milliseconds.
        call("GET", "/api/me", tokens.get("researcher1"), null);
        // The short-lived token now, so that its wait overlaps with the other tests.
        keycloak.addClient("enclave-it-short-lived", "enclave-api", SHORT_LIFESPAN_SECONDS);
        keycloak.addClient("enclave-it-no-audience", null, null);
        shortLived = keycloak.passwordGrant("enclave-it-short-lived", "researcher1", passwords.get("researcher1"));
        shortLivedWhileFresh = call("GET", "/api/me", shortLived, null).status();
        JsonNode shortClaims = KeycloakServer.claims(shortLived);
        assertThat(shortClaims.get("exp").asLong() - shortClaims.get("iat").asLong()).isEqualTo(SHORT_LIFESPAN_SECONDS);
        shortLivedExpiry = Instant.ofEpochSecond(shortClaims.get("exp").asLong());
        System.out.printf("KeycloakIT: API healthy after %.1f s, Keycloak ready after %.1f s, tokens after %.1f s%n",
                (apiReady - t0) / 1e9, (keycloakReady - t0) / 1e9, (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            stopQuietly();
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    private void stopQuietly() {
        try {
            if (api != null) {
                api.close();
            }
        } catch (Exception e) {
            System.err.println("KeycloakIT: stopping the API: " + e);
        }
        try {
            if (keycloak != null) {
                keycloak.close();
            }
        } catch (Exception e) {
            System.err.println("KeycloakIT: stopping Keycloak: " + e);
        }
    }

    @Test
    @Order(1)
    void everyDemoUserIsReadAsTheRealmDeclaresThem() throws Exception {
        for (String user : passwords.keySet()) {
            JsonNode claims = KeycloakServer.claims(tokens.get(user));
            assertThat(claims.get("iss").asString()).isEqualTo(keycloak.issuer());
            assertThat(claims.get("azp").asString()).isEqualTo(CLI);
            Response me = call("GET", "/api/me", tokens.get(user), null);
            assertThat(me.status()).as(user + ": " + me.body()).isEqualTo(200);
            assertThat(me.json().get("username").asString()).isEqualTo(user);
            List<String> read = new ArrayList<>();
            me.json().get("roles").forEach(r -> read.add(r.asString().toLowerCase()));
            assertThat(new TreeSet<>(read)).as(user).isEqualTo(new TreeSet<>(roles.get(user)));
        }
        assertThat(call("GET", "/api/me", null, null).status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void eachRoleIsAllowedItsMovesAndRefusedTheOthers() throws Exception {
        // steward registers a dataset and its version; a researcher and the auditor cannot.
        String dataset = """
                {"name":"kc_stays","description":"stays","owner":"DREES","sensitivity":"HIGH","licence":"LO 2.0","retentionDays":365}""";
        expect("researcher1", "POST", "/api/datasets", dataset, 403);
        expect("auditor1", "POST", "/api/datasets", dataset, 403);
        String datasetId = expect("steward1", "POST", "/api/datasets", dataset, 201).json().get("id").asString();
        expect("steward1", "POST", "/api/datasets/" + datasetId + "/versions",
                "{\"location\":\"kc/v1\",\"columns\":" + JSON.writeValueAsString(LakeFixture.COLUMNS) + "}", 201);

        // checker reads the catalogue and its dummy data; cannot apply for a project nor read the audit.
        expect("checker1", "GET", "/api/datasets", null, 200);
        expect("checker1", "GET", "/api/datasets/" + datasetId + "/versions/1/dummy.csv?rows=3", null, 200);

        // researcher applies and submits; a steward cannot apply.
        Instant now = Instant.now();
        String application = """
                {"title":"Length of stay","purpose":"Stays by age band","legalBasis":"public interest",
                 "requestedFrom":"%s","requestedUntil":"%s",
                 "datasets":[{"datasetId":"%s","columns":["pid","age_band","stay_days"]}]}"""
                .formatted(now, now.plus(Duration.ofDays(60)), datasetId);
        expect("steward1", "POST", "/api/projects", application, 403);
        expect("checker1", "POST", "/api/projects", application, 403);
        String project = expect("researcher1", "POST", "/api/projects", application, 201).json().get("id").asString();
        expect("researcher2", "POST", "/api/projects/" + project + "/submit", null, 403);
        expect("researcher1", "POST", "/api/projects/" + project + "/submit", null, 200);

        // committee approves; a steward and the author cannot.
        String decision = """
                {"validFrom":"%s","validUntil":"%s","reason":"meets the criteria",
                 "columns":[{"datasetId":"%s","columns":["pid","age_band"]}]}"""
                .formatted(now.minusSeconds(60), now.plus(Duration.ofDays(30)), datasetId);
        expect("steward1", "POST", "/api/projects/" + project + "/approve", decision, 403);
        expect("researcher1", "POST", "/api/projects/" + project + "/approve", decision, 403);
        JsonNode approved = expect("committee1", "POST", "/api/projects/" + project + "/approve", decision, 200).json();
        assertThat(approved.get("state").asString()).isEqualTo("APPROVED");
        expect("committee2", "GET", "/api/projects/" + project, null, 200);

        // researcher (a member) opens a workspace and reads its access decision; a non-member and the
        // committee cannot.
        String until = "{\"until\":\"" + now.plus(Duration.ofDays(7)) + "\"}";
        expect("researcher2", "POST", "/api/projects/" + project + "/workspaces", until, 403);
        expect("committee1", "POST", "/api/projects/" + project + "/workspaces", until, 403);
        String workspace = expect("researcher1", "POST", "/api/projects/" + project + "/workspaces", until, 201)
                .json().get("id").asString();
        JsonNode access = expect("researcher1", "GET", "/api/workspaces/" + workspace + "/access", null, 200).json();
        assertThat(access.get("tables").get(0).get("columns").toString()).isEqualTo("[\"pid\",\"age_band\"]");
        expect("researcher2", "GET", "/api/workspaces/" + workspace + "/access", null, 403);

        // auditor reads and verifies the audit, which names the realm's users; others cannot.
        expect("researcher1", "GET", "/api/audit/entries", null, 403);
        expect("checker1", "GET", "/api/audit/verification", null, 403);
        JsonNode report = expect("auditor1", "GET", "/api/audit/verification", null, 200).json();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        JsonNode entries = expect("auditor1", "GET", "/api/audit/entries?limit=1000", null, 200).json();
        Map<String, List<String>> byActor = new LinkedHashMap<>();
        entries.forEach(e -> byActor.computeIfAbsent(e.get("actor").asString(), a -> new ArrayList<>())
                .add(e.get("action").asString() + ":" + e.get("outcome").asString()));
        assertThat(byActor.get("steward1")).as(byActor.toString()).anyMatch(a -> a.endsWith(":DONE"));
        assertThat(byActor.get("committee1")).as(byActor.toString()).anyMatch(a -> a.endsWith(":DONE"));
        assertThat(byActor.get("researcher1")).as(byActor.toString()).anyMatch(a -> a.startsWith("workspace.access:ALLOWED"));
        assertThat(byActor.get("researcher2")).as(byActor.toString()).anyMatch(a -> a.endsWith(":DENIED"));
        assertThat(byActor.get("checker1")).as(byActor.toString()).anyMatch(a -> a.endsWith(":DENIED"));
    }

    @Test
    @Order(3)
    void aTamperedPayloadUnderAGenuineSignatureIsRefused() throws Exception {
        String genuine = tokens.get("researcher1");
        assertThat(call("GET", "/api/me", genuine, null).status()).isEqualTo(200);
        String[] parts = genuine.split("\\.");
        ObjectNode claims = (ObjectNode) KeycloakServer.claims(genuine);
        claims.putObject("realm_access").putArray("roles").add("auditor");
        String tampered = parts[0] + "." + b64(JSON.writeValueAsString(claims)) + "." + parts[2];
        assertThat(call("GET", "/api/audit/entries", tampered, null).status()).isEqualTo(401);
        assertThat(call("GET", "/api/me", tampered, null).status()).isEqualTo(401);

        // The same payload unsigned ("alg": "none") is not a token either.
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(JSON.writeValueAsString(claims)) + ".";
        assertThat(call("GET", "/api/audit/entries", none, null).status()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void aGenuineTokenForAnotherAudienceOrIssuerIsRefused() throws Exception {
        // Signed by the realm, issued to a client without the audience mapper: no "aud: enclave-api".
        String noAudience = keycloak.passwordGrant("enclave-it-no-audience", "researcher1", passwords.get("researcher1"));
        assertThat(KeycloakServer.claims(noAudience).get("aud")).isNull();
        assertThat(KeycloakServer.claims(noAudience).get("iss").asString()).isEqualTo(keycloak.issuer());
        assertThat(call("GET", "/api/me", noAudience, null).status()).isEqualTo(401);
        // Signed by the same Keycloak, for the master realm (another issuer and other keys).
        assertThat(call("GET", "/api/me", keycloak.adminToken(), null).status()).isEqualTo(401);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void anExpiredTokenIsRefused() throws Exception {
        assertThat(shortLivedWhileFresh).as("the short-lived token is accepted while it is fresh").isEqualTo(200);
        Instant refusedFrom = shortLivedExpiry.plus(CLOCK_SKEW).plusSeconds(2);
        long waitMillis = Duration.between(Instant.now(), refusedFrom).toMillis();
        System.out.printf("KeycloakIT: waiting %.1f s for the short-lived token to be past exp + clock skew%n", waitMillis / 1e3);
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
        assertThat(call("GET", "/api/me", shortLived, null).status()).isEqualTo(401);
        assertThat(call("GET", "/api/datasets", shortLived, null).status()).isEqualTo(401);
    }

    // --- helpers

    record Response(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private Response expect(String user, String method, String path, String body, int status) throws Exception {
        Response r = call(method, path, tokens.get(user), body);
        assertThat(r.status()).as(user + " " + method + " " + path + " -> " + r.body()).isEqualTo(status);
        return r;
    }

    private Response call(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private void readDemoUsers(Path realmFile) throws IOException {
        for (JsonNode user : JSON.readTree(Files.readString(realmFile)).get("users")) {
            for (JsonNode credential : user.path("credentials")) {
                if ("password".equals(credential.path("type").asString())) {
                    String name = user.get("username").asString();
                    passwords.put(name, credential.get("value").asString());
                    List<String> granted = new ArrayList<>();
                    user.path("realmRoles").forEach(r -> granted.add(r.asString()));
                    roles.put(name, granted);
                }
            }
        }
        assertThat(passwords).containsKeys("steward1", "committee1", "committee2", "researcher1", "researcher2",
                "checker1", "auditor1");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
