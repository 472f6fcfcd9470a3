package org.enclave.api.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.enclave.api.audit.AuditEvent;
import org.enclave.api.audit.AuditLog;
import org.enclave.api.audit.Outcome;
import org.enclave.api.platform.DomainException;
import org.enclave.api.platform.InvariantViolation;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectService;
import org.enclave.api.security.Actor;
import org.enclave.api.workspace.Workspace;
import org.enclave.api.workspace.WorkspaceService;
import org.enclave.api.workspace.WorkspaceState;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Job results inside the enclave: a rows job's rows, page by page, capped, each read audited; an
 * aggregate job's SDC record. Readable by researchers who are members of the project, only while the
 * job's workspace is open and the grant in force (the clock decides, not the sweeper). Also the
 * {@link JobOutputs} port for release requests, which does no authorisation of its own.
 */
@Service
public class JobResults implements JobOutputs {

    /** A rows job's rows as JSON lines, written by compute (docs/job-contract.md). */
    static final String ROWS_FILE = "rows.jsonl";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Reads rows.jsonl: decimals stay exact (not doubles). */
    private static final JsonMapper ROWS_JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** One page of rows: the columns, then each row as a list of values. */
    public record RowsPage(JobId job, List<JsonNode> columns, long offset, List<JsonNode> rows, long total, boolean truncated) {
    }

    private final JobRepository repository;
    private final WorkspaceService workspaces;
    private final ProjectService projects;
    private final AuditLog audit;
    private final Clock clock;
    private final JobSettings settings;

    JobResults(JobRepository repository, WorkspaceService workspaces, ProjectService projects, AuditLog audit, Clock clock,
               JobSettings settings) {
        this.repository = repository;
        this.workspaces = workspaces;
        this.projects = projects;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    private Job readable(Actor actor, JobId id, Job.Kind kind) {
        Job job = repository.find(id).orElseThrow(() -> new DomainException.NotFound("job", id));
        Optional<DomainException> refusal = whyNotRead(actor, job, kind);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        return job;
    }

    /**
     * Why {@code actor} may not read the result of {@code job} as a {@code kind} job now; empty when they
     * may. The one place the rule lives: {@link #rows}, {@link #aggregate} and {@link #canRead} use it.
     */
    private Optional<DomainException> whyNotRead(Actor actor, Job job, Job.Kind kind) {
        Project project = projects.load(job.projectId());
        if (!JobService.canView(actor, project)) {
            return Optional.of(new DomainException.Forbidden("only researchers who are members of the project see its jobs"));
        }
        if (job.kind() != kind) {
            return Optional.of(new DomainException.Conflict("job " + job.id() + " is not a " + kind.name().toLowerCase() + " job"));
        }
        if (job.state() != JobState.SUCCEEDED) {
            return Optional.of(new DomainException.Conflict("job is " + job.state() + ": it has no result to show"));
        }
        Workspace w = workspaces.find(job.workspaceId()).orElseThrow(() -> new InvariantViolation("workspace vanished"));
        Instant now = clock.instant();
        if (w.state() != WorkspaceState.OPEN || !now.isBefore(w.expiresAt()) || !project.grantInForce(now)) {
            return Optional.of(new DomainException.Conflict("results are viewable only inside an open workspace of a project in force"));
        }
        return Optional.empty();
    }

    /** Whether {@code actor} may read the result of {@code job} now (the boolean face of {@link #rows} and {@link #aggregate}). */
    @Transactional(readOnly = true)
    public boolean canRead(Actor actor, Job job) {
        return whyNotRead(actor, job, job.kind()).isEmpty();
    }

    @Transactional
    public RowsPage rows(Actor actor, JobId id, long offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new DomainException.Invalid("offset", "offset must be >= 0 and limit >= 1");
        }
        Job job = readable(actor, id, Job.Kind.ROWS);
        int capped = Math.min(limit, settings.pageMax());
        Path file = JobExecutions.folder(workspaces, job.workspaceId(), id).resolve(ROWS_FILE);
        List<JsonNode> columns = new ArrayList<>();
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ROWS_JSON.readTree(in.readLine()).path("columns").forEach(columns::add);
            String line;
            long n = 0;
            while ((line = in.readLine()) != null && rows.size() < capped) {
                if (n++ >= offset) {
                    rows.add(ROWS_JSON.readTree(line));
                }
            }
        } catch (IOException | RuntimeException e) { // Jackson's own errors are unchecked
            throw new InvariantViolation("the rows of job " + id + " cannot be read", e);
        }
        audit.append(AuditEvent.of(actor.username(), "job.rows.viewed", "job", id, Outcome.ALLOWED)
                .with("offset", offset).with("rows", rows.size()).with("project", job.projectId()));
        return new RowsPage(id, columns, offset, rows, job.resultRows() == null ? 0 : job.resultRows(),
                Boolean.TRUE.equals(job.truncated()));
    }

    /** The report's {@code sdc} object: policy, the cell table as computed, the evaluation. */
    @Transactional
    public JsonNode aggregate(Actor actor, JobId id) {
        Job job = readable(actor, id, Job.Kind.AGGREGATE);
        audit.append(AuditEvent.of(actor.username(), "job.aggregate.viewed", "job", id, Outcome.ALLOWED)
                .with("project", job.projectId()));
        return sdc(job);
    }

    static JsonNode sdc(Job job) {
        return job.report() == null ? null : JSON.readTree(job.report()).get("sdc");
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<AggregateOutput> aggregateOutput(JobId id) {
        return repository.find(id)
                .filter(j -> j.kind() == Job.Kind.AGGREGATE && j.state() == JobState.SUCCEEDED && sdc(j) != null)
                .map(j -> {
                    JsonNode sdc = sdc(j);
                    return new AggregateOutput(j.id(), j.workspaceId(), j.projectId(), j.author(), j.sqlSha256(), j.datasets(),
                            j.policy(), sdc.path("table"), sdc,
                            JobExecutions.folder(workspaces, j.workspaceId(), j.id()).toAbsolutePath());
                });
    }
}
