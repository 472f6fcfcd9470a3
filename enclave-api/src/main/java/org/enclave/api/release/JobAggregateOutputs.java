package org.enclave.api.release;

import java.util.Optional;
import java.util.UUID;
import org.enclave.api.job.AggregateOutput;
import org.enclave.api.job.JobId;
import org.enclave.api.job.JobOutputs;
import org.springframework.stereotype.Component;

/**
 * Release requests read aggregate outputs from the jobs feature: a succeeded aggregate job's cell table
 * (with the statistics the rules need), its SDC evaluation, the SQL's hash and the dataset versions used.
 * Authorisation is the release service's: this adapter only looks the job up.
 */
@Component
class JobAggregateOutputs implements AggregateOutputs {

    private final JobOutputs jobs;

    JobAggregateOutputs(JobOutputs jobs) {
        this.jobs = jobs;
    }

    @Override
    public Optional<AggregateOutputView> aggregateOutput(UUID jobId) {
        return jobs.aggregateOutput(new JobId(jobId)).map(JobAggregateOutputs::view);
    }

    static AggregateOutputView view(AggregateOutput o) {
        return new AggregateOutputView(o.jobId().value(), o.workspaceId(), o.projectId(), o.author(), o.sqlSha256(),
                o.datasets().stream().map(d -> d.name() + "@v" + d.version()).toList(), o.policy(),
                o.cellTable().toString(), o.sdcRecord() == null ? null : o.sdcRecord().toString(), o.outputDir());
    }
}
