package org.enclave.compute.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesACompleteReportAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("validate", 12L);
        phases.put("run", 340L);
        JobReport report = new JobReport(JobStatus.REJECTED,
                new JobError("forbidden-function", "function reflect is not on the allowlist", 2, 8),
                Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:00:01Z"), phases, null, null);

        Path written = ReportWriter.write(dir.resolve("jobs/j1"), report);

        assertThat(written).hasFileName("report.json");
        try (var files = Files.list(written.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.json");
        }
        JsonNode json = new ObjectMapper().readTree(written.toFile());
        assertThat(json.get("reportVersion").asInt()).isEqualTo(1);
        assertThat(json.get("status").asText()).isEqualTo("rejected");
        assertThat(json.at("/error/code").asText()).isEqualTo("forbidden-function");
        assertThat(json.at("/error/line").asInt()).isEqualTo(2);
        assertThat(json.at("/error/column").asInt()).isEqualTo(8);
        assertThat(json.at("/timings/totalMs").asLong()).isEqualTo(1000);
        assertThat(json.at("/timings/phasesMs").fieldNames()).toIterable().containsExactly("validate", "run");
        // The report may carry disclosive cell statistics: readable by the job's owner only.
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
                .isEqualTo("rw-------");
    }

    @Test
    void overwritesAnEarlierReport() throws Exception {
        Instant now = Instant.now();
        ReportWriter.write(dir, new JobReport(JobStatus.FAILED, JobError.of("timeout", "x"), now, now, Map.of(), null, null));
        ReportWriter.write(dir, new JobReport(JobStatus.SUCCEEDED, null, now, now, Map.of(),
                new JobReport.Output("rows", List.of("result.parquet"), 3, false), null));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.get("status").asText()).isEqualTo("succeeded");
        assertThat(json.at("/output/files/0").asText()).isEqualTo("result.parquet");
    }

    @Test
    void errorExactlyWhenNotSucceeded() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> new JobReport(JobStatus.SUCCEEDED, JobError.of("x", "y"), now, now, Map.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobReport(JobStatus.FAILED, null, now, now, Map.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exitCodes() {
        assertThat(JobStatus.SUCCEEDED.exitCode()).isZero();
        assertThat(JobStatus.FAILED.exitCode()).isEqualTo(1);
        assertThat(JobStatus.REJECTED.exitCode()).isEqualTo(2);
    }
}
