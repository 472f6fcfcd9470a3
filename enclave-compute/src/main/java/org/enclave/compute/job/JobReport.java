package org.enclave.compute.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What compute tells the API about one job ({@code report.json}, docs/job-contract.md).
 *
 * @param status     the outcome
 * @param error      why it did not succeed, {@code null} when it did
 * @param startedAt  when the process started work
 * @param finishedAt when the report was made
 * @param phases     milliseconds per phase, in order (e.g. {@code validate}, {@code sparkStart}, {@code run})
 * @param output     what was written, {@code null} unless succeeded
 * @param sdc        for aggregates: the statistical disclosure control record, else {@code null}
 */
public record JobReport(JobStatus status, JobError error, Instant startedAt, Instant finishedAt,
                        Map<String, Long> phases, Output output, JsonNode sdc) {

    /** IMPORTANT: bump only with a documented migration in docs/job-contract.md. */
    public static final int VERSION = 1;

    /**
     * @param kind      {@code rows} or {@code aggregate}
     * @param files     the files or directories written, relative to the output folder
     * @param rows      rows written (cells for an aggregate)
     * @param truncated for {@code rows}: whether the result had more than {@code maxRows} rows
     * @param execution for aggregates: how the statistics were computed ({@code unit}: {@code csns} or
     *                  {@code pseudonym}; {@code statistics}: {@code sorted-stream} or {@code shuffle};
     *                  notes saying why a faster way was not taken); informational, never data
     */
    public record Output(String kind, List<String> files, long rows, boolean truncated, Map<String, String> execution) {
        public Output {
            execution = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(execution));
        }

        public Output(String kind, List<String> files, long rows, boolean truncated) {
            this(kind, files, rows, truncated, Map.of());
        }
    }

    public JobReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        phases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
        if ((status == JobStatus.SUCCEEDED) != (error == null)) {
            throw new IllegalArgumentException("a report has an error exactly when it did not succeed");
        }
    }

    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("reportVersion", VERSION);
        root.put("status", status.json());
        if (error != null) {
            ObjectNode e = root.putObject("error");
            e.put("code", error.code());
            e.put("message", error.message());
            if (error.line() != null) {
                e.put("line", error.line());
                e.put("column", error.column());
            }
        } else {
            root.putNull("error");
        }
        ObjectNode timings = root.putObject("timings");
        timings.put("startedAt", startedAt.toString());
        timings.put("finishedAt", finishedAt.toString());
        timings.put("totalMs", Duration.between(startedAt, finishedAt).toMillis());
        ObjectNode phaseNode = timings.putObject("phasesMs");
        phases.forEach(phaseNode::put);
        if (output != null) {
            ObjectNode o = root.putObject("output");
            o.put("kind", output.kind());
            o.putPOJO("files", output.files());
            o.put("rows", output.rows());
            o.put("truncated", output.truncated());
            if (!output.execution().isEmpty()) {
                ObjectNode x = o.putObject("execution");
                output.execution().forEach(x::put);
            }
        } else {
            root.putNull("output");
        }
        if (sdc != null) {
            root.set("sdc", sdc);
        }
        return root;
    }
}
