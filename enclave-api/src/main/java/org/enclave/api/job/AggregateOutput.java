package org.enclave.api.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.enclave.api.project.ProjectId;
import org.enclave.api.workspace.WorkspaceId;
import tools.jackson.databind.JsonNode;

/**
 * The output of a SUCCEEDED aggregate job, as a release request needs it. All components are
 * non-null.
 *
 * @param jobId       the job
 * @param workspaceId the workspace it ran in
 * @param projectId   the workspace's project
 * @param author      the username of the researcher who submitted the job
 * @param sqlSha256   SHA-256 of the researcher's SQL (UTF-8), lower-case hex
 * @param datasets    the dataset versions the job read, in table-name order
 * @param policy      the disclosure policy the job ran under (a tier name: open, standard, health)
 * @param cellTable   the report's {@code sdc.table}: the cell table in the policies table format
 *                    (docs/table-format.md), exactly as compute wrote it
 * @param sdcRecord   the report's whole {@code sdc} object ({@code policy}, {@code table},
 *                    {@code evaluation}); {@code evaluation.status} may be {@code not-evaluated}
 * @param outputDir   the job's output folder (absolute): {@code result.csv}, {@code result.parquet/},
 *                    {@code report.json}; enclave-internal, never served as a download
 */
public record AggregateOutput(JobId jobId, WorkspaceId workspaceId, ProjectId projectId, String author, String sqlSha256,
                              List<DatasetUse> datasets, String policy, JsonNode cellTable, JsonNode sdcRecord,
                              Path outputDir) {

    public AggregateOutput {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(sqlSha256, "sqlSha256");
        datasets = List.copyOf(datasets);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(cellTable, "cellTable");
        Objects.requireNonNull(sdcRecord, "sdcRecord");
        Objects.requireNonNull(outputDir, "outputDir");
    }
}
