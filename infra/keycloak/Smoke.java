import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Smoke check of a running Keycloak with the enclave realm (docs/keycloak.md). Run by smoke.sh as a
 * single-file program ({@code java Smoke.java}), so it needs nothing but the JDK.
 *
 * <p>The demo users, their passwords and roles, and the access-token lifespan are read from the realm
 * file itself, so the file and this check cannot drift apart. For every demo user it gets a token by
 * password grant on {@code enclave-cli} and checks the signature against the realm's JWKS and the
 * claims the API relies on: {@code iss}, {@code aud} (holds {@code enclave-api}), {@code azp},
 * {@code preferred_username}, {@code realm_access.roles} (exactly the user's roles) and the lifespan.
 * It also checks what must be refused: the password grant on the portal and on the API client, a wrong
 * password, offline tokens, an authorization request without PKCE S256, device authorization on the
 * portal. It ends with the line "N passed, M failed" and exits non-zero on any failure.
 */
public final class Smoke {

    private static final String REALM = "enclave";
    private static final String CLI = "enclave-cli";
    private static final String PORTAL = "enclave-portal";
    private static final String API = "enclave-api";
    private static final Set<String> ENCLAVE_ROLES = Set.of("researcher", "committee", "steward", "checker", "auditor");

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String baseUrl;
    private final String expectedIssuer;
    private final String oidc;
    private int passed;
    private int failed;

    private Smoke(String baseUrl, String expectedIssuer) {
        this.baseUrl = baseUrl;
        this.expectedIssuer = expectedIssuer;
        this.oidc = baseUrl + "/realms/" + REALM + "/protocol/openid-connect";
    }

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:8180";
        String issuer = null;
        Path realmFile = null;
        boolean showClaims = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--issuer" -> issuer = args[++i];
                case "--realm-file" -> realmFile = Path.of(args[++i]);
                case "--show-claims" -> showClaims = true;
                default -> {
                    System.err.println("usage: java Smoke.java --realm-file FILE [--url URL] [--issuer ISS] [--show-claims]");
                    System.exit(2);
                }
            }
        }
        if (realmFile == null) {
            System.err.println("--realm-file is required");
            System.exit(2);
        }
        url = url.replaceAll("/+$", "");
        Smoke smoke = new Smoke(url, issuer != null ? issuer : url + "/realms/" + REALM);
        smoke.run(Json.parseObject(Files.readString(realmFile)), showClaims);
        System.out.println(smoke.passed + " passed, " + smoke.failed + " failed");
        System.exit(smoke.failed == 0 ? 0 : 1);
    }

    private void run(Map<String, Object> realm, boolean showClaims) throws Exception {
        List<DemoUser> users = demoUsers(realm);
        long lifespan = ((Number) realm.get("accessTokenLifespan")).longValue();

        // The realm file itself: every role has people, and separation of duties has two of each where needed.
        Map<String, Long> perRole = users.stream().flatMap(u -> u.roles().stream())
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        check("realm file: every Enclave role has a demo user " + new TreeSet<>(perRole.keySet()),
                perRole.keySet().containsAll(ENCLAVE_ROLES));
        for (String role : List.of("committee", "checker", "researcher")) {
            check("realm file: at least two demo users are " + role + " (separation of duties)",
                    perRole.getOrDefault(role, 0L) >= 2);
        }

        // Discovery and keys.
        Map<String, Object> discovery = Json.parseObject(get(baseUrl + "/realms/" + REALM + "/.well-known/openid-configuration").body());
        check("discovery: issuer is " + expectedIssuer, expectedIssuer.equals(discovery.get("issuer")));
        check("discovery: device authorization endpoint advertised", discovery.get("device_authorization_endpoint") != null);
        Map<String, PublicKey> keys = signingKeys(Json.parseObject(get((String) discovery.get("jwks_uri")).body()));
        check("jwks: at least one RS256 signing key", !keys.isEmpty());

        // What must be refused. The wrong-password attempt counts towards brute-force detection (5 failures
        // lock an account for a while); the successful login of the same user below clears the count.
        DemoUser probe = users.stream().filter(u -> u.roles().contains("researcher")).findFirst().orElseThrow();
        HttpResponse<String> wrong = passwordGrant(CLI, probe.username(), probe.password() + "-wrong");
        check("wrong password is refused (400 invalid_grant)", wrong.statusCode() == 400 && wrong.body().contains("invalid_grant"));
        HttpResponse<String> portal = passwordGrant(PORTAL, probe.username(), probe.password());
        check("password grant on enclave-portal is refused", portal.statusCode() == 400 && portal.body().contains("unauthorized_client"));
        HttpResponse<String> api = passwordGrant(API, probe.username(), probe.password());
        check("password grant on enclave-api (no secret) is refused", api.statusCode() == 401);
        HttpResponse<String> offline = post(oidc + "/token", Map.of("grant_type", "password", "client_id", CLI,
                "username", probe.username(), "password", probe.password(), "scope", "openid offline_access"));
        check("offline tokens are refused", offline.statusCode() >= 400 && offline.body().contains("not_allowed"));
        String redirect = "http://127.0.0.1:8080/callback";
        HttpResponse<String> noPkce = get(oidc + "/auth?" + form(Map.of("client_id", PORTAL, "response_type", "code",
                "scope", "openid", "redirect_uri", redirect)));
        String location = noPkce.headers().firstValue("Location").orElse("");
        check("portal authorization request without PKCE is refused",
                noPkce.statusCode() == 302 && location.startsWith(redirect) && location.contains("error=invalid_request"));
        HttpResponse<String> plainPkce = get(oidc + "/auth?" + form(Map.of("client_id", PORTAL, "response_type", "code",
                "scope", "openid", "redirect_uri", redirect, "code_challenge_method", "plain",
                "code_challenge", "a".repeat(43))));
        check("portal authorization request with PKCE plain is refused",
                plainPkce.headers().firstValue("Location").orElse("").contains("error=invalid_request"));
        HttpResponse<String> withPkce = get(oidc + "/auth?" + form(Map.of("client_id", PORTAL, "response_type", "code",
                "scope", "openid", "redirect_uri", redirect, "code_challenge_method", "S256",
                "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")));
        check("portal authorization request with PKCE S256 shows the login page", withPkce.statusCode() == 200);
        HttpResponse<String> foreign = get(oidc + "/auth?" + form(Map.of("client_id", PORTAL, "response_type", "code",
                "scope", "openid", "redirect_uri", "https://elsewhere.invalid/callback", "code_challenge_method", "S256",
                "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")));
        check("portal refuses an unregistered redirect URI", foreign.statusCode() == 400);
        HttpResponse<String> deviceCli = post(oidc + "/auth/device", Map.of("client_id", CLI));
        check("device authorization grant is enabled on enclave-cli",
                deviceCli.statusCode() == 200 && deviceCli.body().contains("user_code"));
        HttpResponse<String> devicePortal = post(oidc + "/auth/device", Map.of("client_id", PORTAL));
        check("device authorization grant is disabled on enclave-portal", devicePortal.statusCode() == 400);

        // A token for every demo user.
        List<Long> roundTrips = new ArrayList<>();
        boolean shown = false;
        for (DemoUser user : users) {
            long start = System.nanoTime();
            HttpResponse<String> response = passwordGrant(CLI, user.username(), user.password());
            roundTrips.add((System.nanoTime() - start) / 1_000_000);
            String who = user.username() + ": ";
            if (!check(who + "password grant on enclave-cli gives a token", response.statusCode() == 200)) {
                System.out.println("      " + response.statusCode() + " " + response.body());
                continue;
            }
            String token = (String) Json.parseObject(response.body()).get("access_token");
            String[] parts = token.split("\\.");
            Map<String, Object> header = Json.parseObject(decode(parts[0]));
            Map<String, Object> claims = Json.parseObject(decode(parts[1]));
            PublicKey key = keys.get((String) header.get("kid"));
            check(who + "RS256 signature verifies with the realm's JWKS",
                    "RS256".equals(header.get("alg")) && key != null && verify(key, parts));
            check(who + "iss = " + expectedIssuer, expectedIssuer.equals(claims.get("iss")));
            check(who + "aud holds " + API + " (aud = " + Json.write(claims.get("aud")) + ")", audience(claims).contains(API));
            check(who + "azp = " + CLI, CLI.equals(claims.get("azp")));
            check(who + "preferred_username = " + user.username(), user.username().equals(claims.get("preferred_username")));
            Set<String> roles = realmRoles(claims);
            check(who + "realm_access.roles = " + new TreeSet<>(user.roles()) + " (got " + new TreeSet<>(roles) + ")",
                    roles.equals(user.roles()));
            long iat = ((Number) claims.get("iat")).longValue();
            long exp = ((Number) claims.get("exp")).longValue();
            check(who + "access token lives " + lifespan + " s", exp - iat == lifespan);
            if (showClaims && !shown) {
                shown = true;
                System.out.println("      claims of " + user.username() + "'s access token (header " + Json.write(header) + "):");
                System.out.println("      " + Json.write(claims));
            }
        }
        List<Long> sorted = roundTrips.stream().sorted().toList();
        if (!sorted.isEmpty()) {
            System.out.println("token round-trip (password grant, " + sorted.size() + " users): min " + sorted.get(0)
                    + " ms, median " + sorted.get(sorted.size() / 2) + " ms, max " + sorted.get(sorted.size() - 1) + " ms");
        }
    }

    private record DemoUser(String username, String password, Set<String> roles) {
    }

    @SuppressWarnings("unchecked")
    private static List<DemoUser> demoUsers(Map<String, Object> realm) {
        List<DemoUser> out = new ArrayList<>();
        for (Object o : (List<Object>) realm.getOrDefault("users", List.of())) {
            Map<String, Object> user = (Map<String, Object>) o;
            String password = null;
            for (Object c : (List<Object>) user.getOrDefault("credentials", List.of())) {
                Map<String, Object> credential = (Map<String, Object>) c;
                if ("password".equals(credential.get("type"))) {
                    password = (String) credential.get("value");
                }
            }
            if (password != null) {
                Set<String> roles = new LinkedHashSet<>();
                for (Object r : (List<Object>) user.getOrDefault("realmRoles", List.of())) {
                    roles.add((String) r);
                }
                out.add(new DemoUser((String) user.get("username"), password, roles));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("the realm file has no users with a password: nothing to check");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> realmRoles(Map<String, Object> claims) {
        Set<String> roles = new LinkedHashSet<>();
        if (claims.get("realm_access") instanceof Map<?, ?> access && access.get("roles") instanceof Collection<?> list) {
            for (Object r : list) {
                roles.add(String.valueOf(r));
            }
        }
        return roles;
    }

    /** {@code aud} is a string when it has one value and an array otherwise (RFC 7519 allows both). */
    private static List<String> audience(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        if (aud instanceof String s) {
            return List.of(s);
        }
        if (aud instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, PublicKey> signingKeys(Map<String, Object> jwks) throws Exception {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (Object o : (List<Object>) jwks.get("keys")) {
            Map<String, Object> jwk = (Map<String, Object>) o;
            if ("RSA".equals(jwk.get("kty")) && "RS256".equals(jwk.get("alg")) && !"enc".equals(jwk.get("use"))) {
                Base64.Decoder b64 = Base64.getUrlDecoder();
                BigInteger n = new BigInteger(1, b64.decode((String) jwk.get("n")));
                BigInteger e = new BigInteger(1, b64.decode((String) jwk.get("e")));
                keys.put((String) jwk.get("kid"), KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
            }
        }
        return keys;
    }

    private static boolean verify(PublicKey key, String[] parts) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private boolean check(String what, boolean ok) {
        if (ok) {
            passed++;
        } else {
            failed++;
        }
        System.out.println((ok ? "PASS  " : "FAIL  ") + what);
        return ok;
    }

    private HttpResponse<String> passwordGrant(String client, String username, String password) throws Exception {
        return post(oidc + "/token", Map.of("grant_type", "password", "client_id", client,
                "username", username, "password", password, "scope", "openid"));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, Map<String, String> fields) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Just enough JSON for realm files, discovery documents, JWKS and token payloads. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> parseObject(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.skipSpace();
            if (json.i != text.length() || !(value instanceof Map)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return (Map<String, Object>) value;
        }

        private Object value() {
            skipSpace();
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    Map<String, Object> map = new LinkedHashMap<>();
                    i++;
                    skipSpace();
                    if (s.charAt(i) == '}') {
                        i++;
                        return map;
                    }
                    while (true) {
                        skipSpace();
                        String key = string();
                        skipSpace();
                        expect(':');
                        map.put(key, value());
                        skipSpace();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return map;
                        }
                    }
                }
                case '[': {
                    List<Object> list = new ArrayList<>();
                    i++;
                    skipSpace();
                    if (s.charAt(i) == ']') {
                        i++;
                        return list;
                    }
                    while (true) {
                        list.add(value());
                        skipSpace();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return list;
                        }
                    }
                }
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default: {
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    if (start == i) {
                        throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
                    }
                    return new java.math.BigDecimal(s.substring(start, i));
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, i)) {
                throw new IllegalArgumentException("bad literal at " + i);
            }
            i += word.length();
            return value;
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
            i++;
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        /** Compact JSON, for printing claims. */
        static String write(Object v) {
            if (v == null) {
                return "null";
            }
            if (v instanceof String str) {
                return "\"" + str.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
            if (v instanceof Map<?, ?> map) {
                return map.entrySet().stream().map(e -> write(String.valueOf(e.getKey())) + ":" + write(e.getValue()))
                        .collect(Collectors.joining(",", "{", "}"));
            }
            if (v instanceof Collection<?> list) {
                return list.stream().map(Json::write).collect(Collectors.joining(",", "[", "]"));
            }
            return String.valueOf(v);
        }
    }
}
