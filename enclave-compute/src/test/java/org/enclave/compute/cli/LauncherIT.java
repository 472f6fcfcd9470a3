package org.enclave.compute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.enclave.compute.runner.SparkSessions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/enclave-compute} as a process, with and without its class-data-sharing archive: a job runs
 * and its standard output holds only the status line whether the archive is off, missing, damaged or
 * good. The launcher runs from a copy of {@code bin/} under a temporary root whose
 * {@code enclave-compute/target} links to the built jars, so the archives made here stay here.
 */
class LauncherIT {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path BUILT = REPO.resolve("enclave-compute/target");

    @TempDir
    static Path dir;
    static Path root;
    static Path spec;
    static Path archive;

    @BeforeAll
    static void setUp() throws Exception {
        root = dir.resolve("root");
        Files.createDirectories(root.resolve("bin"));
        for (String script : new String[] {"enclave-compute", "_launch"}) {
            Files.copy(REPO.resolve("bin/" + script), root.resolve("bin/" + script), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path target = Files.createDirectories(root.resolve("enclave-compute/target"));
        Files.createSymbolicLink(target.resolve("enclave-compute.jar"), BUILT.resolve("enclave-compute.jar"));
        Path lib = Files.createDirectories(target.resolve("lib"));
        try (Stream<Path> jars = Files.list(BUILT.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                Files.createSymbolicLink(lib.resolve(jar.getFileName()), jar);
            }
        }
        archive = target.resolve("enclave-compute.jsa");
        SparkSession spark = SparkSessions.start("local[2]");
        Path visits;
        try {
            visits = ComputeJobIT.writeVisits(spark, dir.resolve("lake/visits/v1"));
        } finally {
            spark.stop();
        }
        spec = dir.resolve("spec.json");
        Files.writeString(spec, """
                {"specVersion": 1,
                 "tables": [{"name": "visits", "path": "%s", "columns": ["csns", "region", "cost"]}],
                 "sql": "SELECT pid, region, cost FROM visits",
                 "output": {"kind": "aggregate", "unit": "pid", "groupBy": ["region"],
                            "measures": [{"fn": "count"}, {"fn": "sum", "column": "cost"}], "margins": true},
                 "policy": "standard",
                 "limits": {"seconds": 300, "maxRows": 100},
                 "outputDir": "%s"}
                """.formatted(visits.toUri(), dir.resolve("out")));
    }

    record Result(int exit, String stdout, String stderr) {
    }

    static Result launch(Map<String, String> env) throws Exception {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/enclave-compute").toString(), "run", "--spec", spec.toString(),
                "--master", "local[2]").directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("ENCLAVE_JAVA_OPTS");
        pb.environment().remove("ENCLAVE_CLASS_ARCHIVE");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().write((ComputeJobIT.KEY_B64 + "\n").getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static void assertSucceededQuietly(Result r) throws IOException {
        assertThat(r.exit()).as(r.stderr()).isZero();
        // Only the status line: no JVM log line about the archive reaches the job's standard output.
        assertThat(r.stdout()).isEqualTo("succeeded " + dir.resolve("out/report.json") + "\n");
        assertThat(r.stderr()).doesNotContainIgnoringCase("shared archive").doesNotContainIgnoringCase("[cds");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith("hs_err"));
        }
    }

    @Test
    void archiveOffRunsTheJobAndMakesNoArchive() throws Exception {
        Files.deleteIfExists(archive);
        Files.deleteIfExists(archive.getParent().resolve("enclave-compute.jsa.lock"));
        assertSucceededQuietly(launch(Map.of("ENCLAVE_CLASS_ARCHIVE", "off")));
        Thread.sleep(2000);
        assertThat(archive.getParent().resolve("enclave-compute.jsa.lock")).doesNotExist();
        assertThat(archive).doesNotExist();
    }

    @Test
    void anArchiveThatIsNotOneIsIgnoredSilently() throws Exception {
        Files.write(archive, "not a class data sharing archive".repeat(1000).getBytes(StandardCharsets.US_ASCII));
        try {
            assertSucceededQuietly(launch(Map.of()));
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    @Test
    void aMissingArchiveIsMadeInTheBackgroundThenUsed() throws Exception {
        Files.deleteIfExists(archive);
        assertSucceededQuietly(launch(Map.of()));
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!Files.exists(archive) && System.nanoTime() < until) {
            Thread.sleep(1000);
        }
        assertThat(archive).exists();
        // -Xshare:on: the JVM refuses to start unless it maps the archive, so this proves it is used.
        assertSucceededQuietly(launch(Map.of("ENCLAVE_JAVA_OPTS", "-Xshare:on")));
        Files.deleteIfExists(archive);
    }
}
