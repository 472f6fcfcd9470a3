package org.enclave.api.job;

import java.util.Optional;

/**
 * The port through which other features (release requests) read job outputs. It performs no
 * authorisation: the caller decides who may see what (a release's author, its checkers) and audits
 * its own reads. It never returns row-level outputs: only aggregates can leave the enclave.
 */
public interface JobOutputs {

    /**
     * The output of an aggregate job.
     *
     * @param job a job id (not null)
     * @return empty when no such job exists, it is not an aggregate job, or it has not SUCCEEDED;
     *         otherwise the output, read from the job's stored report
     */
    Optional<AggregateOutput> aggregateOutput(JobId job);
}
