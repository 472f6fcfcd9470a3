package org.enclave.compute.job;

import java.util.List;

/**
 * One job, as the API hands it to compute (docs/job-contract.md). It never carries key material: the
 * project key arrives on standard input or in a file named on the command line.
 *
 * @param specVersion the contract version, {@value #VERSION}
 * @param tables      the granted tables, at least one
 * @param sql         the researcher's SQL, validated by the guard before anything runs
 * @param output      what to produce
 * @param policy      the disclosure policy name, e.g. {@code standard}
 * @param limits      time and size limits
 * @param outputDir   where results and {@code report.json} go (a local path inside the workspace)
 */
public record JobSpec(int specVersion, List<TableSpec> tables, String sql, OutputSpec output, String policy,
                      Limits limits, String outputDir) {

    /** IMPORTANT: bump only with a documented migration in docs/job-contract.md. */
    public static final int VERSION = 1;

    public JobSpec {
        tables = List.copyOf(tables);
    }
}
