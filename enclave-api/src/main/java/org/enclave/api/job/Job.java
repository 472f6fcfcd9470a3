package org.enclave.api.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.enclave.api.job.JobLifecycle.Party;
import org.enclave.api.platform.DomainException;
import org.enclave.api.project.ProjectId;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.enclave.api.workspace.WorkspaceId;

/**
 * One analysis run: the researcher's SQL and output spec, what the grant resolved them against
 * (datasets and versions, policy, limits), and its lifecycle. Each transition checks the move
 * (409), then the party (403), then changes the job; {@link JobService} persists and audits it in one
 * transaction. Membership of the project is checked by the service, which knows the project.
 */
public final class Job {

    /** The output kinds of the job contract. */
    public enum Kind { ROWS, AGGREGATE }

    /** The moves a person can ask for. */
    public enum Move { CANCEL }

    private final JobId id;
    private final WorkspaceId workspaceId;
    private final ProjectId projectId;
    private final String author;
    private final Kind kind;
    private final String sql;
    private final String sqlSha256;
    private final String output;
    private final List<DatasetUse> datasets;
    private final String policy;
    private final int limitSeconds;
    private final int maxRows;
    private final Instant submittedAt;
    private JobState state;
    private Instant startedAt;
    private Instant finishedAt;
    private JobError error;
    private Long resultRows;
    private Boolean truncated;
    private String report;
    private Long processId;

    Job(JobId id, WorkspaceId workspaceId, ProjectId projectId, String author, Kind kind, String sql, String sqlSha256,
        String output, List<DatasetUse> datasets, String policy, int limitSeconds, int maxRows, Instant submittedAt,
        JobState state, Instant startedAt, Instant finishedAt, JobError error, Long resultRows, Boolean truncated,
        String report, Long processId) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.projectId = projectId;
        this.author = author;
        this.kind = kind;
        this.sql = sql;
        this.sqlSha256 = sqlSha256;
        this.output = output;
        this.datasets = List.copyOf(datasets);
        this.policy = policy;
        this.limitSeconds = limitSeconds;
        this.maxRows = maxRows;
        this.submittedAt = submittedAt;
        this.state = state;
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.error = error;
        this.resultRows = resultRows;
        this.truncated = truncated;
        this.report = report;
        this.processId = processId;
    }

    Party partyOf(Actor actor) {
        if (actor.system()) {
            return Party.SYSTEM;
        }
        return actor.username().equals(author) && actor.has(Role.RESEARCHER) ? Party.RESEARCHER : null;
    }

    /** Why {@code actor} may not move the job to {@code to} now; empty when they may. The one place the rule lives. */
    public Optional<DomainException> whyNot(JobState to, Actor actor) {
        if (!JobLifecycle.MACHINE.hasMove(state, to)) {
            return Optional.of(new DomainException.Conflict("job is " + state + ": it cannot become " + to));
        }
        Party party = partyOf(actor);
        if (party == null || !JobLifecycle.MACHINE.allows(state, to, party)) {
            return Optional.of(new DomainException.Forbidden("only " + JobLifecycle.MACHINE.partiesFor(state, to)
                    + " may move a job from " + state + " to " + to + " (the researcher who submitted it, or the system)"));
        }
        return Optional.empty();
    }

    public boolean can(Move move, Actor actor) {
        return whyNot(JobState.CANCELLED, actor).isEmpty();
    }

    private JobState move(JobState to, Actor actor) {
        Optional<DomainException> refusal = whyNot(to, actor);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        JobState from = state;
        state = to;
        return from;
    }

    JobState start(Instant now) {
        JobState from = move(JobState.RUNNING, Actor.SYSTEM);
        startedAt = now;
        return from;
    }

    void attachProcess(long pid) {
        processId = pid;
    }

    JobState succeed(Instant now, String reportJson, long rows, boolean truncatedRows) {
        JobState from = move(JobState.SUCCEEDED, Actor.SYSTEM);
        finishedAt = now;
        report = reportJson;
        resultRows = rows;
        truncated = truncatedRows;
        return from;
    }

    JobState fail(Instant now, JobError why, String reportJson) {
        JobState from = move(JobState.FAILED, Actor.SYSTEM);
        finishedAt = now;
        error = why;
        report = reportJson;
        return from;
    }

    JobState cancel(Actor actor, Instant now, String reason) {
        JobState from = move(JobState.CANCELLED, actor);
        finishedAt = now;
        error = JobError.system("cancelled", reason);
        return from;
    }

    public JobId id() { return id; }
    public WorkspaceId workspaceId() { return workspaceId; }
    public ProjectId projectId() { return projectId; }
    public String author() { return author; }
    public Kind kind() { return kind; }
    public String sql() { return sql; }
    public String sqlSha256() { return sqlSha256; }
    /** The researcher's output spec, as JSON. */
    public String output() { return output; }
    public List<DatasetUse> datasets() { return datasets; }
    public String policy() { return policy; }
    public int limitSeconds() { return limitSeconds; }
    public int maxRows() { return maxRows; }
    public Instant submittedAt() { return submittedAt; }
    public JobState state() { return state; }
    public Instant startedAt() { return startedAt; }
    public Instant finishedAt() { return finishedAt; }
    public JobError error() { return error; }
    public Long resultRows() { return resultRows; }
    public Boolean truncated() { return truncated; }
    /** compute's report.json as stored (never holds key material), or null. */
    public String report() { return report; }
    public Long processId() { return processId; }
}
