package org.enclave.api.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mission, walked through the HTTP API by the people who do it: a steward registers the
 * pseudonymised datasets, a researcher applies, the committee approves, the researcher opens a
 * workspace and runs an aggregate analysis on Spark, the disclosure report is shown, the researcher
 * asks for release, two output checkers approve, and the signed package is downloaded.
 *
 * <p>Used by {@code ./enclave demo} against an API started with the dev profile (tokens from
 * {@code POST /dev/token}); it only calls public endpoints, as any client would. Every step prints who
 * did it. Errors stop the walk with the API's problem detail.
 */
public final class DemoClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final Path lake;
    private final PrintStream out;
    private final Map<String, String> tokens = new HashMap<>();
    private int step;

    DemoClient(String base, Path lake, PrintStream out) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.lake = lake;
        this.out = out;
    }

    /** {@code demo-client --url URL --lake DIR --people LOCATION --stays LOCATION --out DIR}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--url", "--lake", "--people", "--stays", "--out")) {
            if (!opts.containsKey(required)) {
                err.println("demo-client: " + required + " is required");
                err.println("usage: enclave-api demo-client --url URL --lake DIR --people LOCATION --stays LOCATION --out DIR");
                return 2;
            }
        }
        try {
            new DemoClient(opts.get("--url"), Path.of(opts.get("--lake")), out)
                    .walk(opts.get("--people"), opts.get("--stays"), Path.of(opts.get("--out")));
            return 0;
        } catch (DemoFailed e) {
            err.println("demo: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("demo: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    void walk(String peopleLocation, String staysLocation, Path outDir) throws IOException, InterruptedException {
        Instant now = Instant.now();

        String people = registerDataset("sam", "people", "Persons covered by the health insurance (synthetic)", peopleLocation);
        String stays = registerDataset("sam", "stays", "Hospital stays (synthetic, PMSI-like)", staysLocation);

        say("alice", "researcher", "applies for a project on colon cancer stays of women by hospital département and birth cohort");
        ObjectNode application = JSON.createObjectNode();
        application.put("title", "Colon cancer hospital stays of women by département and birth cohort");
        application.put("purpose", "Describe the geography of hospital stays for neoplasms, to plan oncology capacity.");
        application.put("legalBasis", "GDPR art. 6(1)(e) and 9(2)(j); public-interest research");
        application.put("institution", "Enclave demonstration institute");
        application.putArray("members").add("bob");
        application.put("requestedFrom", now.toString());
        application.put("requestedUntil", now.plus(Duration.ofDays(180)).toString());
        ArrayNode datasets = application.putArray("datasets");
        datasets.addObject().put("datasetId", stays).set("columns", strings("hospital_departement", "diagnosis", "cost"));
        datasets.addObject().put("datasetId", people).set("columns", strings("sex", "birth_date"));
        String project = call("POST", "/api/projects", "alice", application, 201).path("id").asString();
        call("POST", "/api/projects/" + project + "/submit", "alice", null, 200);
        detail("project " + project + " submitted to the committee");

        say("carol", "committee", "approves for 90 days, granting the requested columns, with reasons");
        ObjectNode decision = JSON.createObjectNode();
        decision.put("validFrom", now.minusSeconds(60).toString());
        decision.put("validUntil", now.plus(Duration.ofDays(90)).toString());
        decision.put("reason", "Proportionate: aggregate outputs only, no linkage beyond the grant.");
        ArrayNode granted = decision.putArray("columns");
        granted.addObject().put("datasetId", stays).set("columns", strings("hospital_departement", "diagnosis", "cost"));
        granted.addObject().put("datasetId", people).set("columns", strings("sex", "birth_date"));
        JsonNode approved = call("POST", "/api/projects/" + project + "/approve", "carol", decision, 200);
        detail("state " + approved.path("state").asString() + "; a fresh project key is wrapped and stored");

        say("alice", "researcher", "opens a workspace inside the grant");
        ObjectNode ws = JSON.createObjectNode().put("until", now.plus(Duration.ofDays(14)).toString());
        JsonNode workspace = call("POST", "/api/projects/" + project + "/workspaces", "alice", ws, 201);
        String workspaceId = workspace.path("id").asString();
        detail("workspace " + workspaceId + " open until " + workspace.path("expiresAt").asString());

        String sql = "SELECT s.pid, s.hospital_departement,\n"
                + "       CASE WHEN p.birth_date < '1950' THEN 'before 1950'\n"
                + "            WHEN p.birth_date < '1965' THEN '1950-1964' ELSE '1965 or later' END AS birth_cohort,\n"
                + "       s.cost\n"
                + "FROM stays s JOIN people p ON s.pid = p.pid\n"
                + "WHERE s.diagnosis = 'C189' AND p.sex = '2'";
        say("alice", "researcher", "submits an aggregate analysis (runs on Spark; the CSNS is never visible, only the project's pid)");
        for (String line : sql.split("\n")) {
            detail("  " + line);
        }
        ObjectNode job = JSON.createObjectNode();
        job.put("sql", sql);
        ObjectNode output = job.putObject("output");
        output.put("kind", "aggregate");
        output.put("unit", "pid");
        output.set("groupBy", strings("hospital_departement", "birth_cohort"));
        ArrayNode measures = output.putArray("measures");
        measures.addObject().put("fn", "count");
        measures.addObject().put("fn", "sum").put("column", "cost");
        output.put("margins", true);
        String jobId = call("POST", "/api/workspaces/" + workspaceId + "/jobs", "alice", job, 201).path("id").asString();
        JsonNode done = waitForJob(jobId);
        if (!done.path("state").asString().equals("SUCCEEDED")) {
            throw new DemoFailed("the analysis ended " + done.path("state").asString() + ": " + done.path("error"));
        }
        JsonNode evaluation = done.path("sdc").path("evaluation");
        detail("job " + jobId + " succeeded; disclosure check: " + evaluation.path("status").asString());
        for (JsonNode record : evaluation.path("records")) {
            detail("  " + record.path("table").path("statistic").asString() + ": " + record.path("summary").asString());
        }

        say("alice", "researcher", "asks for the table's release, with context and controls");
        ObjectNode request = JSON.createObjectNode();
        request.put("workspaceId", workspaceId);
        request.put("context", "Colon cancer stays of women: persons and total cost by hospital département and birth cohort, with margins.");
        request.put("controls", "Enclave aggregate: threshold, dominance and p% rules with secondary suppression proven by LP.");
        String release = call("POST", "/api/releases", "alice", request, 201).path("id").asString();
        call("PUT", "/api/releases/" + release + "/outputs/colon_cancer_women", "alice",
                JSON.createObjectNode().put("jobId", jobId), 200);
        JsonNode submitted = call("POST", "/api/releases/" + release + "/submit", "alice", null, 200);
        detail("release request " + release + ": " + submitted.path("state").asString());

        for (String checker : List.of("chris", "chloe")) {
            say(checker, "checker", "reviews the outputs and the automated disclosure report, and approves");
            ObjectNode vote = JSON.createObjectNode().put("decision", "APPROVE")
                    .put("reason", "Suppressed cells masked; no differencing risk flagged.");
            JsonNode after = call("POST", "/api/releases/" + release + "/votes", checker, vote, 200);
            detail("request is now " + after.path("state").asString());
        }

        say("alice", "researcher", "releases the approved request: the policy is checked again, the package signed");
        call("POST", "/api/releases/" + release + "/release", "alice", null, 200);
        Files.createDirectories(outDir);
        Path zip = outDir.resolve("release-" + release + ".zip");
        download("/api/releases/" + release + "/package", "alice", zip);
        Path publicKey = outDir.resolve("enclave-release-public-key.pem");
        Files.writeString(publicKey, get("/api/releases/public-key"), StandardCharsets.US_ASCII);
        detail("package " + zip);
        detail("public key " + publicKey);
        out.println();
        out.println("==> done: verify with  bin/enclave-api release-verify --package " + zip + " --public-key " + publicKey);
    }

    private String registerDataset(String steward, String name, String description, String location)
            throws IOException, InterruptedException {
        say(steward, "steward", "registers dataset '" + name + "' and its pseudonymised version " + location);
        ObjectNode ds = JSON.createObjectNode();
        ds.put("name", name);
        ds.put("description", description);
        ds.put("owner", "Enclave demo data steward");
        ds.put("sensitivity", "HIGH");
        ds.put("licence", "Access on approval only");
        ds.put("retentionDays", 3650);
        String id = call("POST", "/api/datasets", steward, ds, 201).path("id").asString();
        // The steward declares the schema they pseudonymised with: read back here from the manifest.
        JsonNode manifest = JSON.readTree(Files.readString(lake.resolve(location).resolve("manifest.json")));
        ObjectNode version = JSON.createObjectNode();
        version.put("location", location);
        ArrayNode columns = version.putArray("columns");
        for (JsonNode c : manifest.path("schema").path("columns")) {
            columns.addObject().put("name", c.path("name").asString()).put("type", c.path("type").asString())
                    .put("role", c.path("role").asString());
        }
        JsonNode v = call("POST", "/api/datasets/" + id + "/versions", steward, version, 201);
        JsonNode rows = manifest.path("rows");
        detail("version " + v.path("number").asInt() + " verified: " + rows.path("in").asLong() + " rows in, "
                + rows.path("out").asLong() + " out, " + rows.path("quarantined").asLong() + " quarantined");
        return id;
    }

    private JsonNode waitForJob(String jobId) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            JsonNode j = call("GET", "/api/jobs/" + jobId, "alice", null, 200);
            String state = j.path("state").asString();
            if (!state.equals(last)) {
                detail("job " + state);
                last = state;
            }
            if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED")) {
                return j;
            }
            Thread.sleep(1000);
        }
        throw new DemoFailed("the analysis did not finish in 15 minutes");
    }

    private String token(String user) throws IOException, InterruptedException {
        String t = tokens.get(user);
        if (t == null) {
            HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/dev/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("username", user).toString()))
                    .build();
            HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                throw new DemoFailed("no dev token for " + user + " (is the API running with the dev profile?)");
            }
            JsonNode body = JSON.readTree(resp.body());
            t = body.has("access_token") ? body.path("access_token").asString() : body.path("token").asString();
            tokens.put(user, t);
        }
        return t;
    }

    private JsonNode call(String method, String path, String user, JsonNode body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token(user))
                .timeout(Duration.ofMinutes(2));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != expected) {
            throw new DemoFailed(method + " " + path + " as " + user + ": HTTP " + resp.statusCode() + " " + resp.body());
        }
        return resp.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(resp.body());
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new DemoFailed("GET " + path + ": HTTP " + resp.statusCode());
        }
        return resp.body();
    }

    private void download(String path, String user, Path to) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token(user)).GET().build();
        HttpResponse<Path> resp = http.send(r, HttpResponse.BodyHandlers.ofFile(to));
        if (resp.statusCode() != 200) {
            Files.deleteIfExists(to);
            throw new DemoFailed("GET " + path + ": HTTP " + resp.statusCode());
        }
    }

    private static ArrayNode strings(String... values) {
        ArrayNode a = JSON.createArrayNode();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    private void say(String user, String role, String what) {
        out.println();
        out.printf("[%d] %s (%s) %s%n", ++step, user, role, what);
    }

    private void detail(String line) {
        out.println("      " + line);
    }

    /** A step of the walk failed; the message says which and what the API answered. */
    static final class DemoFailed extends RuntimeException {
        DemoFailed(String message) {
            super(message);
        }
    }
}
