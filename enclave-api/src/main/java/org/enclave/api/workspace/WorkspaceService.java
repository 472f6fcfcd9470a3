package org.enclave.api.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.enclave.api.audit.AuditEvent;
import org.enclave.api.audit.AuditLog;
import org.enclave.api.audit.Outcome;
import org.enclave.api.catalogue.CatalogueService;
import org.enclave.api.catalogue.DatasetVersion;
import org.enclave.api.platform.DomainException;
import org.enclave.api.platform.InvariantViolation;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectClosed;
import org.enclave.api.project.ProjectId;
import org.enclave.api.project.ProjectService;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Opening, using, closing, expiring and purging workspaces; each change audited in its transaction. */
@Service
public class WorkspaceService {

    /** A granted table as a workspace sees it: the data compute will read and the columns it may read. */
    public record GrantedTable(String dataset, int version, Path location, List<String> columns) {
    }

    /** The result of an allowed access decision. */
    public record Access(WorkspaceId workspace, ProjectId project, Instant expiresAt, List<GrantedTable> tables) {
    }

    private final WorkspaceRepository repository;
    private final ProjectService projects;
    private final CatalogueService catalogue;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration maxDuration;
    private final Duration purgeAfter;
    private final Path root;
    private final TransactionTemplate each;
    private final ApplicationEventPublisher events;

    WorkspaceService(WorkspaceRepository repository, ProjectService projects, CatalogueService catalogue, AuditLog audit,
                     Clock clock, PlatformTransactionManager tx, ApplicationEventPublisher events,
                     @Value("${enclave.workspaces.max-duration}") Duration maxDuration,
                     @Value("${enclave.workspaces.purge-after}") Duration purgeAfter,
                     @Value("${enclave.workspaces.dir}") Path root) {
        this.repository = repository;
        this.projects = projects;
        this.catalogue = catalogue;
        this.audit = audit;
        this.clock = clock;
        this.maxDuration = maxDuration;
        this.purgeAfter = purgeAfter;
        this.root = root.toAbsolutePath().normalize();
        this.each = new TransactionTemplate(tx);
        this.events = events;
    }

    @Transactional
    public Workspace open(Actor actor, ProjectId projectId, Instant requested) {
        Instant requestedEnd = requested.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Project project = projects.load(projectId);
        Instant now = clock.instant();
        java.util.Optional<DomainException> refusal = whyNotOpen(actor, project, now);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        if (!requestedEnd.isAfter(now)) {
            throw new DomainException.Invalid("until", "until must be in the future");
        }
        Workspace w = new Workspace(WorkspaceId.random(), projectId, actor.username(), WorkspaceState.OPEN, now,
                Workspace.expiry(now, requestedEnd, maxDuration, project.validity().until()), null, null);
        repository.insert(w);
        audit.append(AuditEvent.of(actor.username(), "workspace.opened", "workspace", w.id(), Outcome.DONE)
                .with("project", projectId).with("expires_at", w.expiresAt()).with("requested_end", requestedEnd));
        try {
            Files.createDirectories(folder(w.id()));
        } catch (IOException e) {
            throw new InvariantViolation("cannot create the workspace folder", e);
        }
        return w;
    }

    /** Why {@code actor} may not open a workspace in {@code project} at {@code now}; empty when they may. */
    private static java.util.Optional<DomainException> whyNotOpen(Actor actor, Project project, Instant now) {
        if (!project.isMember(actor.username()) || !actor.has(Role.RESEARCHER)) {
            return java.util.Optional.of(new DomainException.Forbidden(
                    "only a researcher who is a member of the project opens a workspace in it"));
        }
        if (!project.grantInForce(now)) {
            return java.util.Optional.of(new DomainException.Conflict(
                    "the project's grant is not in force now (project " + project.state() + ")"));
        }
        return java.util.Optional.empty();
    }

    /** The boolean form of the rule {@link #open} enforces: what the portal offers. */
    public boolean canOpen(Actor actor, Project project) {
        return whyNotOpen(actor, project, clock.instant()).isEmpty();
    }

    /** The boolean form of the rule {@link #close} enforces. */
    public boolean canClose(Actor actor, Workspace workspace) {
        return workspace.whyNotClose(actor, clock.instant()).isEmpty();
    }

    /** Whether the workspace may be used now (the rule {@link #access} enforces). */
    @Transactional(readOnly = true)
    public boolean canUse(Actor actor, Workspace workspace) {
        return workspace.canUse(actor, projects.load(workspace.projectId()), clock.instant());
    }

    @Transactional(readOnly = true)
    public Workspace get(Actor actor, WorkspaceId id) {
        Workspace w = repository.find(id).orElseThrow(() -> new DomainException.NotFound("workspace", id));
        w.checkView(actor);
        return w;
    }

    /** A workspace whatever the caller, for features acting as the system (jobs); callers check access. */
    @Transactional(readOnly = true)
    public java.util.Optional<Workspace> find(WorkspaceId id) {
        return repository.find(id);
    }

    @Transactional(readOnly = true)
    public List<Workspace> mine(Actor actor) {
        return repository.ownedBy(actor.username());
    }

    /**
     * The access decision compute relies on: allowed only for the owner of an OPEN, unexpired workspace
     * of a project whose grant is in force now. Allowed decisions are audited here; refusals by the
     * error handler (in a transaction of their own).
     */
    @Transactional
    public Access access(Actor actor, WorkspaceId id) {
        Workspace w = repository.find(id).orElseThrow(() -> new DomainException.NotFound("workspace", id));
        Project project = projects.load(w.projectId());
        Instant now = clock.instant();
        w.checkUse(actor, project, now);
        List<GrantedTable> tables = new ArrayList<>();
        project.grantedColumns().forEach((datasetId, columns) -> catalogue.latest(datasetId).ifPresent(v ->
                tables.add(table(catalogue.get(datasetId).name(), v, columns))));
        audit.append(AuditEvent.of(actor.username(), "workspace.access", "workspace", id, Outcome.ALLOWED)
                .with("project", project.id()).with("tables", tables.size()));
        return new Access(id, project.id(), w.expiresAt(), tables);
    }

    private GrantedTable table(String name, DatasetVersion v, Set<String> granted) {
        return new GrantedTable(name, v.number(), catalogue.folderOf(v),
                v.columns().stream().map(c -> c.name()).filter(granted::contains).toList());
    }

    @Transactional
    public Workspace close(Actor actor, WorkspaceId id) {
        Workspace w = repository.lock(id).orElseThrow(() -> new DomainException.NotFound("workspace", id));
        WorkspaceState from = w.close(actor, clock.instant());
        save(w, from);
        audit.append(AuditEvent.of(actor.username(), "workspace.closed", "workspace", id, Outcome.DONE).with("from", from));
        events.publishEvent(new WorkspaceEnded(id, w.state(), actor.username()));
        return w;
    }

    /** A revoked or ended project's open workspaces expire in the same transaction. */
    @EventListener
    public void onProjectClosed(ProjectClosed event) {
        for (WorkspaceId id : repository.openOf(event.project())) {
            expire(id, "project " + event.state());
        }
    }

    /** Expires every open workspace past its expiry; one transaction each. */
    public int expireDue() {
        List<WorkspaceId> due = each.execute(s -> repository.openExpiredBy(clock.instant()));
        int n = 0;
        for (WorkspaceId id : due) {
            n += Boolean.TRUE.equals(each.execute(s -> expire(id, "expiry reached"))) ? 1 : 0;
        }
        return n;
    }

    private boolean expire(WorkspaceId id, String reason) {
        Workspace w = repository.lock(id).orElseThrow(() -> new InvariantViolation("workspace " + id + " vanished"));
        if (w.state() != WorkspaceState.OPEN) {
            return false;
        }
        WorkspaceState from = w.expire(clock.instant());
        save(w, from);
        audit.append(AuditEvent.of(Actor.SYSTEM.username(), "workspace.expired", "workspace", id, Outcome.DONE)
                .with("from", from).with("reason", reason));
        events.publishEvent(new WorkspaceEnded(id, w.state(), Actor.SYSTEM.username()));
        return true;
    }

    /** Purges (deletes the files of) every closed or expired workspace older than the retention period. */
    public int purgeDue() {
        List<WorkspaceId> due = each.execute(s -> repository.endedBefore(clock.instant().minus(purgeAfter)));
        int n = 0;
        for (WorkspaceId id : due) {
            n += Boolean.TRUE.equals(each.execute(s -> purge(id))) ? 1 : 0;
        }
        return n;
    }

    private boolean purge(WorkspaceId id) {
        Workspace w = repository.lock(id).orElseThrow(() -> new InvariantViolation("workspace " + id + " vanished"));
        if (w.state() != WorkspaceState.CLOSED && w.state() != WorkspaceState.EXPIRED) {
            return false;
        }
        WorkspaceState from = w.purge(clock.instant());
        save(w, from);
        long deleted = deleteFolder(folder(id));
        audit.append(AuditEvent.of(Actor.SYSTEM.username(), "workspace.purged", "workspace", id, Outcome.DONE)
                .with("from", from).with("files_deleted", deleted));
        return true;
    }

    /** The workspace's folder (job outputs), deleted when it is purged. */
    public Path folder(WorkspaceId id) {
        return root.resolve(id.toString());
    }

    private static long deleteFolder(Path folder) {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                Files.delete(p);
            }
            return paths.stream().filter(p -> !p.equals(folder)).count();
        } catch (IOException e) {
            // Failing here rolls the purge back: the sweeper retries on its next run.
            throw new InvariantViolation("cannot delete workspace folder " + folder.getFileName(), e);
        }
    }

    private void save(Workspace w, WorkspaceState from) {
        if (!repository.update(w, from)) {
            throw new InvariantViolation("workspace " + w.id() + " changed under a row lock");
        }
    }
}
