package org.enclave.api.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The API as it is deployed: {@code bin/enclave-api} (the packaged jar and {@code target/lib}, which the
 * {@code package} phase has built before failsafe runs) as a separate process with command-line
 * configuration only, so the start-up guards ({@code IssuerConfigurationCheck}, {@code DevIssuerGuard})
 * run exactly as in production. Its output goes to a log file named in every failure.
 */
final class ApiProcess implements AutoCloseable {

    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    ApiProcess(Path log) throws IOException {
        this.log = log;
        this.port = KeycloakServer.freePort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    void launch(Path repo, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        Path jar = repo.resolve("enclave-api/target/enclave-api.jar");
        if (Files.isRegularFile(jar)) {
            command.addAll(List.of("bash", repo.resolve("bin/enclave-api").toString()));
        } else {
            // Run from an IDE without `package`: the same main class on the test class path.
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.enclave.api.EnclaveApiApplication"));
        }
        command.add("--server.port=" + port);
        command.addAll(arguments);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("ENCLAVE_JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1");
        process = pb.start();
    }

    void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the API exited (" + process.exitValue() + "):\n" + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the API did not answer within " + timeout + "; log " + log);
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    /** TERM (graceful shutdown: the embedded PostgreSQL stops with the context), then KILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
