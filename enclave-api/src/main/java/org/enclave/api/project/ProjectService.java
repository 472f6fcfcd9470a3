package org.enclave.api.project;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.enclave.api.audit.AuditEvent;
import org.enclave.api.audit.AuditLog;
import org.enclave.api.audit.Outcome;
import org.enclave.api.catalogue.CatalogueService;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.catalogue.DatasetVersion;
import org.enclave.api.platform.DomainException;
import org.enclave.api.platform.InvariantViolation;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applications and committee decisions. Each public method is one transaction holding the state change,
 * its audit entries and (approval, revocation, end) the project key's creation or destruction.
 */
@Service
public class ProjectService {

    /** A researcher's application. */
    public record Application(String title, String purpose, String legalBasis, Set<String> members,
                              Project.Window requested, Map<DatasetId, Set<String>> columns, String institution) {

        /** An application that does not name an institution. */
        public Application(String title, String purpose, String legalBasis, Set<String> members,
                           Project.Window requested, Map<DatasetId, Set<String>> columns) {
            this(title, purpose, legalBasis, members, requested, columns, null);
        }
    }

    private final ProjectRepository repository;
    private final CatalogueService catalogue;
    private final ProjectKeyVault keys;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate each;

    ProjectService(ProjectRepository repository, CatalogueService catalogue, ProjectKeyVault keys, AuditLog audit,
                   ApplicationEventPublisher events, Clock clock, PlatformTransactionManager tx) {
        this.repository = repository;
        this.catalogue = catalogue;
        this.keys = keys;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.each = new TransactionTemplate(tx);
    }

    @Transactional
    public Project apply(Actor actor, Application a) {
        if (!actor.has(Role.RESEARCHER)) {
            throw new DomainException.Forbidden("only a researcher applies for a project");
        }
        checkWindow(a.requested(), "requestedUntil");
        SortedMap<DatasetId, SortedSet<String>> requested = new TreeMap<>();
        int i = 0;
        for (Map.Entry<DatasetId, Set<String>> e : a.columns().entrySet()) {
            String field = "datasets[" + i++ + "]";
            DatasetVersion latest = catalogue.latest(e.getKey()).orElseThrow(() -> new DomainException.Invalid(
                    field + ".datasetId", "dataset " + e.getKey() + " does not exist or has no version yet"));
            for (String column : e.getValue()) {
                if (!latest.hasColumn(column)) {
                    throw new DomainException.Invalid(field + ".columns", "dataset " + e.getKey() + " has no column " + column);
                }
            }
            requested.put(e.getKey(), new TreeSet<>(e.getValue()));
        }
        SortedSet<String> members = new TreeSet<>(a.members());
        members.add(actor.username());
        Project p = new Project(ProjectId.random(), a.title(), a.purpose(), a.legalBasis(), actor.username(), members,
                a.requested(), requested, clock.instant(), ProjectState.DRAFT, null, null, null, null)
                .withGovernance(a.institution(), null, null);
        repository.insert(p);
        audit.append(AuditEvent.of(actor.username(), "project.created", "project", p.id(), Outcome.DONE)
                .with("state", p.state()).with("members", String.join(",", members))
                .with("datasets", requested.keySet().toString())
                .with("requested_from", a.requested().from()).with("requested_until", a.requested().until())
                .with("institution", a.institution())
                .sensitive("title", a.title()).sensitive("purpose", a.purpose()).sensitive("legal_basis", a.legalBasis()));
        return p;
    }

    @Transactional
    public Project submit(Actor actor, ProjectId id) {
        Project p = lock(id);
        ProjectState from = p.submit(actor);
        p.markSubmitted(clock.instant());
        save(p, from, false);
        audit.append(transition(actor, p, from));
        return p;
    }

    @Transactional
    public Project approve(Actor actor, ProjectId id, Project.Window validity, Map<DatasetId, Set<String>> granted, String reason) {
        Project p = lock(id);
        p.check(Project.Move.APPROVE, actor);
        checkWindow(validity, "validUntil");
        Instant now = clock.instant();
        if (!validity.until().isAfter(now)) {
            throw new DomainException.Invalid("validUntil", "validUntil must be in the future");
        }
        SortedMap<DatasetId, SortedSet<String>> grant = new TreeMap<>();
        granted.forEach((dataset, columns) -> {
            Set<String> asked = p.requestedColumns().get(dataset);
            if (asked == null || !asked.containsAll(columns)) {
                throw new DomainException.Invalid("columns", "granted columns must be among the requested ones (dataset " + dataset + ")");
            }
            if (!columns.isEmpty()) {
                grant.put(dataset, new TreeSet<>(columns));
            }
        });
        if (grant.isEmpty()) {
            throw new DomainException.Invalid("columns", "an approval grants at least one column");
        }
        ProjectState from = p.approve(actor, validity, grant, reason, now);
        save(p, from, true);
        audit.append(transition(actor, p, from).with("valid_from", validity.from()).with("valid_until", validity.until())
                .with("granted", grant.toString()).sensitive("reason", reason));
        keys.createFor(p.id(), actor.username());
        return p;
    }

    @Transactional
    public Project reject(Actor actor, ProjectId id, String reason) {
        Project p = lock(id);
        ProjectState from = p.reject(actor, reason, clock.instant());
        save(p, from, false);
        audit.append(transition(actor, p, from).sensitive("reason", reason));
        return p;
    }

    /** REJECTED to APPEALED: the author appeals once, with written grounds (docs/governance.md). */
    @Transactional
    public Project appeal(Actor actor, ProjectId id, String grounds) {
        Project p = lock(id);
        ProjectState from = p.appeal(actor, grounds, clock.instant());
        save(p, from, false);
        repository.insertAppeal(p.id(), p.appeal());
        audit.append(transition(actor, p, from).with("rejected_by", p.appeal().rejection().by()).sensitive("grounds", grounds));
        return p;
    }

    /** APPEALED to REJECTED_FINAL, by a committee member who did not decide the rejection. Upholding is {@link #approve}. */
    @Transactional
    public Project dismissAppeal(Actor actor, ProjectId id, String reason) {
        Project p = lock(id);
        ProjectState from = p.dismissAppeal(actor, reason, clock.instant());
        save(p, from, false);
        audit.append(transition(actor, p, from).sensitive("reason", reason));
        return p;
    }

    @Transactional
    public Project revoke(Actor actor, ProjectId id, String reason) {
        Project p = lock(id);
        ProjectState from = p.revoke(actor, reason, clock.instant());
        return close(actor, p, from, reason);
    }

    @Transactional
    public Project end(Actor actor, ProjectId id, String reason) {
        Project p = lock(id);
        ProjectState from = p.end(actor, reason, clock.instant());
        return close(actor, p, from, reason);
    }

    private Project close(Actor actor, Project p, ProjectState from, String reason) {
        save(p, from, false);
        audit.append(transition(actor, p, from).sensitive("reason", reason));
        keys.destroyFor(p.id(), actor.username());
        events.publishEvent(new ProjectClosed(p.id(), p.state(), actor.username()));
        return p;
    }

    /** Ends, as the system, every approved project whose validity is over; one transaction each. */
    public int endExpiredGrants() {
        List<ProjectId> due = each.execute(s -> repository.approvedUntilBefore(clock.instant()));
        int ended = 0;
        for (ProjectId id : due) {
            Boolean done = each.execute(s -> {
                Project p = lock(id);
                if (p.state() != ProjectState.APPROVED || p.validity().until().isAfter(clock.instant())) {
                    return false;
                }
                ProjectState from = p.end(Actor.SYSTEM, "validity ended", clock.instant());
                close(Actor.SYSTEM, p, from, "validity ended");
                return true;
            });
            ended += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return ended;
    }

    /** A project the actor may see. @throws DomainException.NotFound, DomainException.Forbidden */
    @Transactional(readOnly = true)
    public Project get(Actor actor, ProjectId id) {
        Project p = repository.find(id).orElseThrow(() -> new DomainException.NotFound("project", id));
        p.checkView(actor);
        return p;
    }

    /** For other features (workspaces): the project, without a viewer check. */
    @Transactional(readOnly = true)
    public Project load(ProjectId id) {
        return repository.find(id).orElseThrow(() -> new DomainException.NotFound("project", id));
    }

    /** Committee members see every project; everyone else the projects they belong to. */
    @Transactional(readOnly = true)
    public List<Project> list(Actor actor) {
        return actor.has(Role.COMMITTEE) ? repository.all() : repository.forMember(actor.username());
    }

    private Project lock(ProjectId id) {
        return repository.lock(id).orElseThrow(() -> new DomainException.NotFound("project", id));
    }

    private void save(Project p, ProjectState from, boolean grant) {
        if (!repository.update(p, from, grant)) {
            throw new InvariantViolation("project " + p.id() + " changed under a row lock");
        }
    }

    private static AuditEvent transition(Actor actor, Project p, ProjectState from) {
        return AuditEvent.of(actor.username(), "project." + p.state().name().toLowerCase(), "project", p.id(), Outcome.DONE)
                .with("from", from).with("to", p.state());
    }

    private static void checkWindow(Project.Window w, String untilField) {
        if (!w.from().isBefore(w.until())) {
            throw new DomainException.Invalid(untilField, untilField + " must be after the start of the period");
        }
    }
}
