package org.enclave.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.enclave.api.support.LakeFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load figures: authorised reads of the catalogue and of a workspace under a steady (open-loop) rate
 * from this JVM against the API running as a second process on loopback, with its embedded PostgreSQL.
 * Latency is measured from each request's scheduled send time, so a stalled server cannot hide its
 * queueing (no coordinated omission). Target: p99 under 50 ms at 200 requests/s.
 *
 * <p>{@code ./mvnw -Pbench -pl enclave-api -am test -Dbench.rate=200 -Dbench.seconds=30}
 */
@Tag("bench")
class ApiLoadBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(16)).connectTimeout(Duration.ofSeconds(5)).build();
    private String base;

    @Test
    void catalogueAndWorkspaceReadsUnderSteadyLoad() throws Exception {
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int warmup = Integer.getInteger("bench.warmup", 10);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        Path home = Files.createTempDirectory("enclave-bench");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), EnclaveApiApplication.class.getName(),
                "--spring.profiles.active=dev", "--server.port=" + port, "--enclave.home=" + home,
                "--logging.level.root=WARN", "--enclave.dev-issuer.issuer=http://127.0.0.1/dev")
                .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile()).start();
        try {
            waitUntilUp(server, home);
            List<HttpRequest> requests = seed(home);
            System.out.printf("bench: warm-up %d s at %d req/s%n", warmup, rate);
            run(requests, rate, warmup);
            // Named baseline, same server and rate: the unauthenticated health probe (no token check, no
            // database read), so the ratio below is what authorisation, the catalogue and the audit add.
            HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/actuator/health")).GET().build();
            Result baseline = run(List.of(health), rate, seconds);
            Result r = run(requests, rate, seconds);
            System.out.printf("bench: baseline /actuator/health at %d req/s for %d s: p50 %.1f ms, p99 %.1f ms%n",
                    rate, seconds, baseline.p50, baseline.p99);
            System.out.printf("bench: %d req/s offered for %d s over %d endpoints: %d ok, %d failed, throughput %.1f req/s, "
                            + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 < 50 ms: %s)%n",
                    rate, seconds, requests.size(), r.ok, r.failed, r.throughput, r.p50, r.p99, r.max, r.p99 < 50 ? "met" : "NOT met");
            r.perEndpoint().forEach(line -> System.out.println("bench:   " + line));
            System.out.printf("bench: ratio to baseline: p50 %.2f, p99 %.2f%n", r.p50 / baseline.p50, r.p99 / baseline.p99);
            System.out.println("bench: load average during the run (2 cores shared): " + Files.readString(Path.of("/proc/loadavg")).trim());
            assertThat(r.failed).isZero();
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    record Result(int ok, int failed, double throughput, double p50, double p99, double max, List<String> perEndpoint) {
    }

    private Result run(List<HttpRequest> requests, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long interval = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        List<ConcurrentLinkedQueue<Long>> byEndpoint = new ArrayList<>();
        requests.forEach(r -> byEndpoint.add(new ConcurrentLinkedQueue<>()));
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            ConcurrentLinkedQueue<Long> mine = byEndpoint.get(i % requests.size());
            pending.add(http.sendAsync(requests.get(i % requests.size()), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 200) {
                            failed.incrementAndGet();
                        } else {
                            long latency = System.nanoTime() - intended;
                            latencies.add(latency);
                            mine.add(latency);
                        }
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        List<String> perEndpoint = new ArrayList<>();
        for (int e = 0; e < requests.size(); e++) {
            long[] one = byEndpoint.get(e).stream().mapToLong(Long::longValue).sorted().toArray();
            perEndpoint.add(String.format("%s p50 %.1f ms p99 %.1f ms", requests.get(e).uri().getPath()
                    .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}"), ms(one, 0.50), ms(one, 0.99)));
        }
        return new Result(sorted.length, failed.get(), sorted.length / elapsed, ms(sorted, 0.50), ms(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, perEndpoint);
    }

    private static double ms(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private void waitUntilUp(Process server, Path home) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("server exited: " + Files.readString(home.resolve("server.log")));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("server did not start within 120 s");
    }

    /** Registers a dataset, approves a project, opens a workspace; returns the authorised reads to replay. */
    private List<HttpRequest> seed(Path home) throws Exception {
        String sam = token("sam");
        String alice = token("alice");
        String carol = token("carol");
        String dataset = post(sam, "/api/datasets", """
                {"name":"bench_stays","description":"d","owner":"o","sensitivity":"HIGH","licence":"l","retentionDays":365}""")
                .get("id").asString();
        LakeFixture.write(home.resolve("lake/bench/v1"), LakeFixture.COLUMNS);
        post(sam, "/api/datasets/" + dataset + "/versions",
                "{\"location\":\"bench/v1\",\"columns\":" + JSON.writeValueAsString(LakeFixture.COLUMNS) + "}");
        Instant now = Instant.now();
        String project = post(alice, "/api/projects", """
                {"title":"t","purpose":"p","legalBasis":"l","requestedFrom":"%s","requestedUntil":"%s",
                 "datasets":[{"datasetId":"%s","columns":["pid","age_band"]}]}""".formatted(now, now.plus(Duration.ofDays(30)), dataset))
                .get("id").asString();
        post(alice, "/api/projects/" + project + "/submit", "");
        post(carol, "/api/projects/" + project + "/approve", """
                {"validFrom":"%s","validUntil":"%s","reason":"ok","columns":[{"datasetId":"%s","columns":["pid","age_band"]}]}"""
                .formatted(now.minusSeconds(60), now.plus(Duration.ofDays(30)), dataset));
        String workspace = post(alice, "/api/projects/" + project + "/workspaces",
                "{\"until\":\"" + now.plus(Duration.ofDays(7)) + "\"}").get("id").asString();
        return Arrays.asList(
                get(alice, "/api/datasets"),
                get(alice, "/api/datasets/" + dataset),
                get(alice, "/api/datasets/" + dataset + "/versions/1"),
                get(alice, "/api/workspaces/" + workspace),
                get(alice, "/api/workspaces/" + workspace + "/access"));
    }

    private HttpRequest get(String token, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET().build();
    }

    private String token(String user) throws Exception {
        return post(null, "/dev/token", "{\"username\":\"" + user + "\"}").get("access_token").asString();
    }

    private JsonNode post(String token, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
