package org.enclave.compute.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.enclave.compute.job.JobReport;
import org.enclave.compute.job.JobSpecParser;
import org.enclave.compute.job.JobStatus;
import org.enclave.compute.views.ProjectKeyInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that does not stop after its time limit's cancellation: the timeout report is written, then
 * the process is halted. Without Spark: the session never arrives, like a start or a task that ignores
 * its cancellation; the halt is recorded instead of performed.
 */
class HardExitTest {

    @TempDir
    Path dir;

    @Test
    void aJobThatIgnoresItsCancellationGetsTheTimeoutReportThenTheHalt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> halted = new CompletableFuture<>();
        JobRunner runner = new JobRunner(() -> {
            try {
                release.await(); // stuck until the halt
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("never started");
        }, key -> csns -> csns, 200, status -> {
            halted.complete(status);
            release.countDown();
        });
        String spec = """
                {"specVersion": 1,
                 "tables": [{"name": "stays", "path": "/nowhere", "columns": ["csns", "region"]}],
                 "sql": "SELECT pid, region FROM stays", "output": {"kind": "rows"}, "policy": "standard",
                 "limits": {"seconds": 1, "maxRows": 10}, "outputDir": "%s"}
                """.formatted(dir.resolve("out"));
        long t = System.nanoTime();
        JobReport returned = runner.run(JobSpecParser.parse(spec),
                ProjectKeyInput.read(new ByteArrayInputStream(Base64.getEncoder().encode(new byte[32]))));

        assertThat(halted.get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.FAILED.exitCode());
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t)).isLessThan(10_000);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.at("/error/code").asText()).isEqualTo("timeout");
        assertThat(report.at("/error/message").asText()).contains("did not stop");
        // The runner's own outcome, once unblocked, does not overwrite the report.
        assertThat(returned.error().code()).isEqualTo("timeout");
        assertThat(report.at("/error/message").asText()).isNotEqualTo(returned.error().message());
    }

    @Test
    void aJobThatStopsInTimeIsNotHalted() throws Exception {
        CompletableFuture<Integer> halted = new CompletableFuture<>();
        try (JobTimer timer = new JobTimer(50, 100, () -> halted.complete(1))) {
            timer.finish();
            Thread.sleep(300);
            assertThat(timer.expired()).isTrue();
        }
        assertThat(halted).isNotDone();
    }

}
