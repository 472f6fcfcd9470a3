package org.enclave.api.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.enclave.api.audit.AuditEvent;
import org.enclave.api.audit.AuditLog;
import org.enclave.api.audit.Outcome;
import org.enclave.api.catalogue.CatalogueService;
import org.enclave.api.catalogue.Dataset;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.catalogue.DatasetVersion;
import org.enclave.api.catalogue.ColumnSpec;
import org.enclave.api.platform.DomainException;
import org.enclave.api.platform.InvariantViolation;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectService;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.enclave.api.workspace.Workspace;
import org.enclave.api.workspace.WorkspaceEnded;
import org.enclave.api.workspace.WorkspaceId;
import org.enclave.api.workspace.WorkspaceService;
import org.enclave.api.workspace.WorkspaceState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs as researchers see them: submit, list, read, cancel. Every state change is audited in its
 * transaction; the runner is told only after the transaction commits (so it never starts a job that
 * was rolled back). Viewing requires the researcher role and current membership of the job's
 * project.
 */
@Service
public class JobService {

    static final String SPEC = "spec.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JobRepository repository;
    private final WorkspaceService workspaces;
    private final ProjectService projects;
    private final CatalogueService catalogue;
    private final AuditLog audit;
    private final Clock clock;
    private final JobSettings settings;
    private final JobRunner runner;

    JobService(JobRepository repository, WorkspaceService workspaces, ProjectService projects, CatalogueService catalogue,
               AuditLog audit, Clock clock, JobSettings settings, JobRunner runner) {
        this.repository = repository;
        this.workspaces = workspaces;
        this.projects = projects;
        this.catalogue = catalogue;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.runner = runner;
    }

    /** The folder of a job's outputs, spec, report and log. */
    Path folder(WorkspaceId workspace, JobId job) {
        return JobExecutions.folder(workspaces, workspace, job);
    }

    @Transactional
    public Job submit(Actor actor, WorkspaceId workspaceId, Analysis analysis) {
        Workspace w = workspaces.find(workspaceId).orElseThrow(() -> new DomainException.NotFound("workspace", workspaceId));
        Project project = projects.load(w.projectId());
        if (!actor.has(Role.RESEARCHER)) {
            throw new DomainException.Forbidden("only a researcher submits analyses");
        }
        Instant now = clock.instant();
        w.checkUse(actor, project, now);
        int limit = settings.limitSeconds();
        if (analysis.limitSeconds() != null) {
            if (analysis.limitSeconds() > limit) {
                throw new DomainException.Invalid("limitSeconds", "limitSeconds may not exceed the enclave's limit of " + limit);
            }
            limit = analysis.limitSeconds();
        }
        JobId id = JobId.random();
        Path folder = folder(workspaceId, id);
        JobSpecBuilder.Built built = JobSpecBuilder.build(analysis, granted(project), limit, settings.maxRows(), folder);
        Job job = new Job(id, workspaceId, project.id(), actor.username(), analysis.kind(), analysis.sql(),
                sha256(analysis.sql()), JSON.writeValueAsString(analysis.output()), built.datasets(), built.policy(), limit,
                settings.maxRows(), now, JobState.QUEUED, null, null, null, null, null, null, null);
        repository.insert(job);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(SPEC), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(built.spec()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvariantViolation("cannot write the job's spec", e);
        }
        audit.append(AuditEvent.of(actor.username(), "job.submitted", "job", id, Outcome.DONE)
                .with("workspace", workspaceId).with("project", project.id()).with("kind", job.kind())
                .with("policy", job.policy()).with("sql_sha256", job.sqlSha256()).sensitive("sql", job.sql())
                .with("datasets", datasets(job)).with("limit_seconds", limit));
        afterCommit(() -> runner.enqueue(id));
        return job;
    }

    private List<JobSpecBuilder.GrantedTable> granted(Project project) {
        List<JobSpecBuilder.GrantedTable> tables = new ArrayList<>();
        for (Map.Entry<DatasetId, ? extends Set<String>> e : project.grantedColumns().entrySet()) {
            Optional<DatasetVersion> v = catalogue.latest(e.getKey());
            if (v.isPresent()) {
                Dataset d = catalogue.get(e.getKey());
                tables.add(new JobSpecBuilder.GrantedTable(d.id(), d.name(), v.get().number(), catalogue.folderOf(v.get()),
                        v.get().columns().stream().map(ColumnSpec::name).toList(), e.getValue(), d.sensitivity()));
            }
        }
        return tables;
    }

    static String datasets(Job job) {
        return String.join(",", job.datasets().stream().map(d -> d.dataset() + "@" + d.version()).toList());
    }

    @Transactional(readOnly = true)
    public List<Job> ofWorkspace(Actor actor, WorkspaceId workspaceId) {
        Workspace w = workspaces.find(workspaceId).orElseThrow(() -> new DomainException.NotFound("workspace", workspaceId));
        checkMember(actor, projects.load(w.projectId()));
        return repository.ofWorkspace(workspaceId);
    }

    @Transactional(readOnly = true)
    public Job get(Actor actor, JobId id) {
        Job job = repository.find(id).orElseThrow(() -> new DomainException.NotFound("job", id));
        checkMember(actor, projects.load(job.projectId()));
        return job;
    }

    /** Researchers who are members of the project see its jobs; nobody else (checkers see outputs through releases). */
    static boolean canView(Actor actor, Project project) {
        return actor.has(Role.RESEARCHER) && project.isMember(actor.username());
    }

    static void checkMember(Actor actor, Project project) {
        if (!canView(actor, project)) {
            throw new DomainException.Forbidden("only researchers who are members of the project see its jobs");
        }
    }

    @Transactional
    public Job cancel(Actor actor, JobId id) {
        Job job = repository.lock(id).orElseThrow(() -> new DomainException.NotFound("job", id));
        checkMember(actor, projects.load(job.projectId()));
        cancel(job, actor, "cancelled by " + actor.username());
        return job;
    }

    /** A closed or expired workspace cancels its queued and running jobs, in the same transaction. */
    @EventListener
    public void onWorkspaceEnded(WorkspaceEnded event) {
        for (JobId id : repository.unfinishedOf(event.workspace())) {
            Job job = repository.lock(id).orElseThrow(() -> new InvariantViolation("job " + id + " vanished"));
            if (!job.state().finished()) {
                cancel(job, Actor.SYSTEM, "workspace " + (event.state() == WorkspaceState.CLOSED ? "closed" : "expired"));
            }
        }
    }

    private void cancel(Job job, Actor actor, String reason) {
        JobState from = job.cancel(actor, clock.instant(), reason);
        save(job, from);
        audit.append(AuditEvent.of(actor.username(), "job.cancelled", "job", job.id(), Outcome.DONE)
                .with("from", from).with("reason", reason));
        JobId id = job.id();
        afterCommit(() -> runner.kill(id));
    }

    void save(Job job, JobState from) {
        if (!repository.update(job, from)) {
            throw new InvariantViolation("job " + job.id() + " changed under a row lock");
        }
    }

    static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new InvariantViolation("SHA-256 missing", e);
        }
    }
}
