package org.enclave.api.job;

import static org.enclave.api.job.JobState.CANCELLED;
import static org.enclave.api.job.JobState.FAILED;
import static org.enclave.api.job.JobState.QUEUED;
import static org.enclave.api.job.JobState.RUNNING;
import static org.enclave.api.job.JobState.SUCCEEDED;

import org.enclave.api.platform.StateMachine;

/**
 * The job lifecycle as data. The researcher who submitted a job may cancel it; everything else is the
 * system's: starting it when a slot is free, finishing it from the compute report, failing it (time
 * limit, no report, lost on restart, key gone before start), cancelling it when its workspace closes or
 * expires. A refused analysis is FAILED with the guard's code and position (docs/jobs.md).
 * {@code JobLifecycleTest} walks every (from, to, party) triple.
 */
public final class JobLifecycle {

    /** Who makes a move: the submitting researcher, or the system. */
    public enum Party { RESEARCHER, SYSTEM }

    public static final StateMachine<JobState, Party> MACHINE = StateMachine.<JobState, Party>named("job")
            .allow(QUEUED, RUNNING, Party.SYSTEM)
            .allow(QUEUED, CANCELLED, Party.RESEARCHER, Party.SYSTEM)
            .allow(QUEUED, FAILED, Party.SYSTEM)
            .allow(RUNNING, SUCCEEDED, Party.SYSTEM)
            .allow(RUNNING, FAILED, Party.SYSTEM)
            .allow(RUNNING, CANCELLED, Party.RESEARCHER, Party.SYSTEM)
            .build();

    private JobLifecycle() {
    }
}
