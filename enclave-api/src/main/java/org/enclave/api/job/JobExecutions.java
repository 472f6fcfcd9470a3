package org.enclave.api.job;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.enclave.api.audit.AuditEvent;
import org.enclave.api.audit.AuditLog;
import org.enclave.api.audit.Outcome;
import org.enclave.api.platform.InvariantViolation;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectId;
import org.enclave.api.project.ProjectKeyVault;
import org.enclave.api.project.ProjectService;
import org.enclave.api.security.Actor;
import org.enclave.api.workspace.Workspace;
import org.enclave.api.workspace.WorkspaceService;
import org.enclave.api.workspace.WorkspaceState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The system's side of the job lifecycle, one transaction per move, each audited in it: start a
 * queued job (or cancel / fail it when it can no longer run), record its process, finish it from its
 * outcome, and after a restart fail what was running.
 */
@Component
class JobExecutions {

    /** What the runner needs to launch a job that has just become RUNNING. */
    record Start(JobId job, ProjectId project, Path folder, int limitSeconds, Job.Kind kind, int maxRows) {
    }

    /** How a job ended, as the runner saw it. */
    record Result(JobState state, JobError error, String report, long rows, boolean truncated) {
        static Result failed(String code, String message) {
            return new Result(JobState.FAILED, JobError.system(code, message), null, 0, false);
        }
    }

    private final JobRepository repository;
    private final WorkspaceService workspaces;
    private final ProjectService projects;
    private final ProjectKeyVault vault;
    private final AuditLog audit;
    private final Clock clock;
    private final JdbcClient jdbc;

    JobExecutions(JobRepository repository, WorkspaceService workspaces, ProjectService projects, ProjectKeyVault vault,
                  AuditLog audit, Clock clock, JdbcClient jdbc) {
        this.repository = repository;
        this.workspaces = workspaces;
        this.projects = projects;
        this.vault = vault;
        this.audit = audit;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /**
     * QUEUED to RUNNING when the job may still run; empty when it is no longer queued, or cannot run
     * any more (its workspace ended: CANCELLED; its project key is gone: FAILED).
     */
    @Transactional
    Optional<Start> begin(JobId id) {
        Job job = repository.lock(id).orElseThrow(() -> new InvariantViolation("queued job " + id + " vanished"));
        if (job.state() != JobState.QUEUED) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Workspace w = workspaces.find(job.workspaceId()).orElseThrow(() -> new InvariantViolation("workspace of " + id + " vanished"));
        Project project = projects.load(job.projectId());
        if (w.state() != WorkspaceState.OPEN || !now.isBefore(w.expiresAt()) || !project.grantInForce(now)) {
            JobState from = job.cancel(Actor.SYSTEM, now, "the workspace can no longer be used");
            save(job, from, "job.cancelled", "reason", "the workspace can no longer be used");
            return Optional.empty();
        }
        if (!vault.hasLiveKey(project.id())) {
            JobState from = job.fail(now, JobError.system("project-key-unavailable", "the project's key is destroyed"), null);
            save(job, from, "job.failed", "code", "project-key-unavailable");
            return Optional.empty();
        }
        JobState from = job.start(now);
        save(job, from, "job.started", "limit_seconds", job.limitSeconds());
        return Optional.of(new Start(id, job.projectId(), folder(workspaces, job.workspaceId(), id), job.limitSeconds(), job.kind(), job.maxRows()));
    }

    /** A job's folder: its spec, compute.log, outputs and report ({@code workspaces/<ws>/jobs/<job>}). */
    static Path folder(WorkspaceService workspaces, org.enclave.api.workspace.WorkspaceId workspace, JobId job) {
        return workspaces.folder(workspace).resolve("jobs").resolve(job.toString());
    }

    /** Records the process running the job (for recovery after a restart); not a state change. */
    @Transactional
    void attach(JobId id, long pid) {
        jdbc.sql("update job set process_id = ? where id = ? and state = 'RUNNING'").params(pid, id.value()).update();
    }

    /** RUNNING to the result's state; false when the job had already left RUNNING (cancelled meanwhile). */
    @Transactional
    boolean finish(JobId id, Result result) {
        Job job = repository.lock(id).orElseThrow(() -> new InvariantViolation("running job " + id + " vanished"));
        if (job.state() != JobState.RUNNING) {
            return false;
        }
        Instant now = clock.instant();
        if (result.state() == JobState.SUCCEEDED) {
            JobState from = job.succeed(now, result.report(), result.rows(), result.truncated());
            save(job, from, "job.succeeded", "rows", result.rows());
        } else {
            JobState from = job.fail(now, result.error(), result.report());
            save(job, from, "job.failed", "code", result.error().code());
        }
        return true;
    }

    /**
     * After a restart: the API owned every job process, so a RUNNING job has lost its supervisor. It
     * is FAILED ({@code lost-on-restart}) and its process, if it somehow survived, is killed. Returns
     * the QUEUED jobs, in order, for the runner to take up again.
     */
    @Transactional
    List<JobId> recover() {
        for (JobId id : repository.inState(JobState.RUNNING)) {
            Job job = repository.lock(id).orElseThrow();
            if (job.processId() != null) {
                ProcessHandle.of(job.processId()).filter(ProcessHandle::isAlive).filter(p -> isJobProcess(p, id))
                        .ifPresent(ComputeLauncher::destroyTree);
            }
            JobState from = job.fail(clock.instant(), JobError.system("lost-on-restart",
                    "the enclave restarted while the job ran; submit it again"), null);
            save(job, from, "job.failed", "code", "lost-on-restart");
        }
        return new ArrayList<>(repository.inState(JobState.QUEUED));
    }

    /** The QUEUED jobs, in submission order. */
    @Transactional(readOnly = true)
    List<JobId> queued() {
        return repository.inState(JobState.QUEUED);
    }

    /** Process ids are reused: only a process whose arguments name this job's folder is ours. */
    private static boolean isJobProcess(ProcessHandle p, JobId id) {
        return p.info().arguments().map(args -> Arrays.stream(args).anyMatch(a -> a.contains(id.toString()))).orElse(false);
    }

    private void save(Job job, JobState from, String action, String key, Object value) {
        if (!repository.update(job, from)) {
            throw new InvariantViolation("job " + job.id() + " changed under a row lock");
        }
        audit.append(AuditEvent.of(Actor.SYSTEM.username(), action, "job", job.id(), Outcome.DONE)
                .with("from", from).with(key, value));
    }
}
