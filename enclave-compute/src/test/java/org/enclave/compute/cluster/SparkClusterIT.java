package org.enclave.compute.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.enclave.compute.cli.ComputeCli;
import org.enclave.compute.cli.ComputeJobIT;
import org.enclave.compute.runner.SparkSessions;
import org.enclave.compute.views.HmacPids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone cluster of {@code infra/spark/start.sh} (on free ports, authenticated, RPC-encrypted):
 * the same aggregate job as on {@code local[2]} gives the same cells, verdicts and released CSV. The
 * driver runs in this JVM (the pseudonym stand-in is a test class, shipped to executors in a jar made
 * here); the cluster is stopped in every case, also if the JVM is interrupted.
 */
class SparkClusterIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    Path dir;

    @Test
    void aggregateOnTheClusterMatchesTheLocalRun() throws Exception {
        long t0 = System.nanoTime();
        Path visits = dir.resolve("lake/visits/v1");
        SparkSession local = SparkSessions.start("local[2]");
        JsonNode localReport;
        try {
            ComputeJobIT.writeVisits(local, visits);
            localReport = run(spec(visits, "local"), "local[2]", null).report;
        } finally {
            local.stop();
        }
        assertThat(localReport.get("status").asText()).isEqualTo("succeeded");

        // A spark:// master without the cluster's secret is refused before any connection.
        Job noSecret = run(spec(visits, "nosecret"), "spark://127.0.0.1:1", null);
        assertThat(noSecret.exit).isEqualTo(1);
        assertThat(noSecret.report.at("/error/code").asText()).isEqualTo("cluster-secret-missing");

        long t1 = System.nanoTime();
        Path state = dir.resolve("cluster");
        Map<String, String> env = Map.of(
                "ENCLAVE_SPARK_STATE", state.toString(),
                "ENCLAVE_SPARK_MASTER_PORT", String.valueOf(freePort()),
                "ENCLAVE_SPARK_MASTER_UI_PORT", String.valueOf(freePort()),
                "ENCLAVE_SPARK_WORKER_UI_PORT", String.valueOf(freePort()),
                "ENCLAVE_SPARK_WORKER_MEMORY", "1g");
        Thread stopOnExit = new Thread(() -> script("stop.sh", env));
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        String previousJars = System.getProperty("spark.jars");
        try {
            String master = script("start.sh", env).strip();
            assertThat(master).isEqualTo("spark://127.0.0.1:" + env.get("ENCLAVE_SPARK_MASTER_PORT"));
            assertThat(Files.getPosixFilePermissions(state.resolve("secret"))).hasSize(2); // rw-------
            long t2 = System.nanoTime();

            System.setProperty("spark.jars", testJar().toString());
            Job cluster;
            try {
                cluster = run(spec(visits, "cluster"), master, state.resolve("secret"));
            } finally {
                SparkSession.getDefaultSession().foreach(s -> {
                    s.stop();
                    return null;
                });
            }
            long t3 = System.nanoTime();
            System.out.printf("SparkClusterIT: local write+job %d ms, cluster start %d ms, cluster job %d ms (phases %s)%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, cluster.report.at("/timings/phasesMs"));
            assertThat(cluster.exit).as(cluster.stderr).isZero();
            assertThat(cluster.report.at("/sdc/table")).isEqualTo(localReport.at("/sdc/table"));
            assertThat(cluster.report.at("/sdc/evaluation")).isEqualTo(localReport.at("/sdc/evaluation"));
            assertThat(cluster.report.at("/sdc/evaluation/records/sum/cells/0/reasons/0").asText()).isEqualTo("threshold");
            assertThat(cluster.report.at("/sdc/evaluation/records/sum/secondary/cells").toString()).isEqualTo("[[\"North\"]]");
            assertThat(Files.readString(cluster.out.resolve("result.csv")))
                    .isEqualTo(Files.readString(dir.resolve("jobs/local/result.csv")));

            // It really ran there: the master lists the finished application.
            String masterJson = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + env.get("ENCLAVE_SPARK_MASTER_UI_PORT") + "/json/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(JSON.readTree(masterJson).get("completedapps").toString()).contains("enclave-job");
        } finally {
            if (previousJars == null) {
                System.clearProperty("spark.jars");
            } else {
                System.setProperty("spark.jars", previousJars);
            }
            script("stop.sh", env);
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
        assertThat(state.resolve("master.pid")).doesNotExist();
        assertThat(state.resolve("secret")).doesNotExist();
    }

    record Job(int exit, JsonNode report, Path out, String stderr) {
    }

    Path spec(Path visits, String job) throws IOException {
        Path out = dir.resolve("jobs/" + job);
        Path file = dir.resolve(job + ".json");
        Files.writeString(file, """
                {"specVersion": 1,
                 "tables": [{"name": "visits", "path": "%s", "columns": ["csns", "region", "cost"]}],
                 "sql": "SELECT pid, region, cost FROM visits",
                 "output": {"kind": "aggregate", "unit": "pid", "groupBy": ["region"],
                            "measures": [{"fn": "count"}, {"fn": "sum", "column": "cost"}, {"fn": "mean", "column": "cost"}],
                            "margins": true},
                 "policy": "standard",
                 "limits": {"seconds": 300, "maxRows": 100},
                 "outputDir": "%s"}
                """.formatted(visits.toUri(), out));
        return file;
    }

    Job run(Path spec, String master, Path secret) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--spec", spec.toString(), "--master", master));
        if (secret != null) {
            args.addAll(List.of("--spark-secret-file", secret.toString()));
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ComputeCli.execute(args.toArray(String[]::new),
                new ByteArrayInputStream((ComputeJobIT.KEY_B64 + "\n").getBytes(StandardCharsets.US_ASCII)),
                new PrintStream(OutputStream.nullOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                HmacPids.factory());
        JsonNode spec0 = JSON.readTree(spec.toFile());
        Path out = Path.of(spec0.get("outputDir").asText());
        return new Job(exit, JSON.readTree(out.resolve("report.json").toFile()), out, err.toString(StandardCharsets.UTF_8));
    }

    /** The pseudonym stand-in's classes, for the executors' class path. */
    Path testJar() throws IOException {
        Path classes = Path.of(HmacPids.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path jar = dir.resolve("test-pids.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.list(classes.resolve("org/enclave/compute/views"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("HmacPids")).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs infra/spark/&lt;name&gt; and returns its standard output; fails on a non-zero exit. */
    static String script(String name, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("infra/spark/" + name).toString());
            pb.environment().putAll(env);
            pb.redirectErrorStream(false);
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(Duration.ofMinutes(3).toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(name + " failed: " + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(name + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " interrupted", e);
        }
    }
}
