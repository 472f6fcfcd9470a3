package org.enclave.api.release;

import java.util.Optional;
import java.util.UUID;

/**
 * The port through which release requests read aggregate job outputs. The jobs feature provides the
 * implementation (an adapter over its own output store); release code never reads job folders itself.
 * The port performs no authorisation: {@link ReleaseService} checks that the job belongs to the
 * request's workspace and project.
 */
public interface AggregateOutputs {

    /**
     * The output of an aggregate job.
     *
     * @param jobId a job id (not null)
     * @return empty when no such job exists, it is not an aggregate job, or it has not succeeded
     */
    Optional<AggregateOutputView> aggregateOutput(UUID jobId);
}
