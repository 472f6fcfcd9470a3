package org.enclave.api.release;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One output of a request: a snapshot of an aggregate job's output taken when it was added (so that
 * what checkers review is exactly what is released, whatever happens to the workspace), and the API's
 * latest verdict on it.
 *
 * @param name       the output's name in the request and the package ({@code tables/<name>.csv})
 * @param verdict    {@code pass}, {@code review} or {@code fail}, from the latest evaluation
 * @param summary    the evaluation's one-line summary
 * @param recordJson the latest evaluation's full SDC record (per cell, enclave-internal)
 */
public record ReleaseOutput(String name, UUID jobId, String sqlSha256, List<String> datasets, String policy,
                            String cellTableJson, String computeSdcJson, String verdict, String summary,
                            String recordJson, Instant addedAt) {

    /** Output names are file names in the package: short, plain, no path. */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";

    public ReleaseOutput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jobId, "jobId");
        datasets = List.copyOf(datasets);
    }

    public boolean fails() {
        return "fail".equals(verdict);
    }

    ReleaseOutput withVerdict(String verdict, String summary, String recordJson) {
        return new ReleaseOutput(name, jobId, sqlSha256, datasets, policy, cellTableJson, computeSdcJson, verdict, summary,
                recordJson, addedAt);
    }
}
