package org.enclave.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.enclave.api.project.ProjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the runner reads the end of a compute process from the files it left. */
class JobOutcomeTest {

    @TempDir
    Path folder;

    JobExecutions.Start start(Job.Kind kind) {
        return new JobExecutions.Start(JobId.random(), ProjectId.random(), folder, 60, kind, 100);
    }

    static final String SUCCEEDED = """
            {"status":"succeeded","error":null,"output":{"kind":"rows","files":["result.parquet","rows.jsonl"],"rows":2,"truncated":true}}""";

    @Test
    void aRowsJobSucceedsWithTheRowsComputeWrote() throws Exception {
        Files.writeString(folder.resolve("report.json"), SUCCEEDED);
        Files.writeString(folder.resolve("rows.jsonl"), "{\"columns\":[]}\n[]\n[]\n");
        JobExecutions.Result result = JobRunner.outcome(start(Job.Kind.ROWS), 0);
        assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(result.rows()).isEqualTo(2);
        assertThat(result.truncated()).isTrue();
    }

    @Test
    void aRowsJobWithoutItsRowsFileFails() throws Exception {
        Files.writeString(folder.resolve("report.json"), SUCCEEDED);
        JobExecutions.Result result = JobRunner.outcome(start(Job.Kind.ROWS), 0);
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.error().code()).isEqualTo("rows-unreadable");
        assertThat(result.error().rejected()).isFalse();
    }

    @Test
    void noReportOrAnUnreadableOneFails() throws Exception {
        assertThat(JobRunner.outcome(start(Job.Kind.AGGREGATE), 1).error().code()).isEqualTo("no-report");
        Files.writeString(folder.resolve("report.json"), "{not json");
        assertThat(JobRunner.outcome(start(Job.Kind.AGGREGATE), 1).error().code()).isEqualTo("no-report");
    }

    @Test
    void aRejectedAnalysisKeepsItsCodeAndPlace() throws Exception {
        Files.writeString(folder.resolve("report.json"), """
                {"status":"rejected","error":{"code":"forbidden-function","message":"reflect is not allowed","line":2,"column":8}}""");
        JobExecutions.Result result = JobRunner.outcome(start(Job.Kind.ROWS), 2);
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.error()).isEqualTo(new JobError("forbidden-function", "reflect is not allowed", 2, 8, true));
    }
}
