package org.enclave.api.release;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.enclave.api.project.ProjectId;
import org.enclave.api.workspace.WorkspaceId;

/**
 * What a release request needs of one aggregate job output. Every component is non-null except
 * {@code sdcRecordJson}.
 *
 * @param jobId         the job
 * @param workspaceId   the workspace it ran in
 * @param projectId     the workspace's project
 * @param author        username of the researcher who submitted the job
 * @param sqlSha256     SHA-256 of the researcher's SQL (UTF-8), lower-case hex
 * @param datasets      the dataset versions the job read, one label each (e.g. {@code stays@v3}), as
 *                      they are to appear in the SDC record
 * @param policy        the disclosure policy the job ran under: a tier name, or tiers joined by
 *                      {@code +} ({@code standard+health})
 * @param cellTableJson the cell table, in the policies table format (docs/table-format.md)
 * @param sdcRecordJson compute's own evaluation, if any ({@code null} otherwise); shown to checkers,
 *                      never trusted: the API evaluates the policy itself
 * @param outputDir     the job's output folder (enclave-internal, never served)
 */
public record AggregateOutputView(UUID jobId, WorkspaceId workspaceId, ProjectId projectId, String author, String sqlSha256,
                                  List<String> datasets, String policy, String cellTableJson, String sdcRecordJson,
                                  Path outputDir) {

    public AggregateOutputView {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(sqlSha256, "sqlSha256");
        datasets = List.copyOf(datasets);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(cellTableJson, "cellTableJson");
        Objects.requireNonNull(outputDir, "outputDir");
    }
}
