package org.enclave.api.release;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.enclave.api.audit.AuditEvent;
import org.enclave.api.audit.AuditLog;
import org.enclave.api.audit.Outcome;
import org.enclave.api.platform.DomainException;
import org.enclave.api.platform.InvariantViolation;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectService;
import org.enclave.api.release.differencing.DifferencingDetector;
import org.enclave.api.release.differencing.DifferencingFlag;
import org.enclave.api.release.differencing.PublishedTable;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.enclave.api.workspace.Workspace;
import org.enclave.api.workspace.WorkspaceId;
import org.enclave.api.workspace.WorkspaceService;
import org.enclave.policies.check.CheckResult;
import org.enclave.policies.record.SdcRecordWriter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Release requests from creation to the decision. Each public method is one transaction holding the
 * change and its audit entries; refusals are audited by the error handler. Releasing
 * and downloading are {@link ReleasePublisher}'s.
 */
@Service
public class ReleaseService {

    /** A request with what its viewer may see around it. */
    public record Loaded(ReleaseRequest request, Project project, List<Comment> comments, List<DifferencingFlag> flags,
                         Optional<DomainException> workspace) {
    }

    private final ReleaseRepository repository;
    private final ProjectService projects;
    private final WorkspaceService workspaces;
    private final AggregateOutputs jobOutputs;
    private final AuditLog audit;
    private final Clock clock;

    ReleaseService(ReleaseRepository repository, ProjectService projects, WorkspaceService workspaces,
                   AggregateOutputs jobOutputs, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.projects = projects;
        this.workspaces = workspaces;
        this.jobOutputs = jobOutputs;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ReleaseRequest create(Actor actor, WorkspaceId workspaceId, String context, String controls) {
        Workspace w = workspaces.get(actor, workspaceId);
        Project project = projects.load(w.projectId());
        Instant now = clock.instant();
        w.checkUse(actor, project, now);
        if (!actor.has(Role.RESEARCHER)) {
            throw new DomainException.Forbidden("only a researcher requests the release of outputs");
        }
        ReleaseRequest r = new ReleaseRequest(ReleaseId.random(), project.id(), workspaceId, actor.username(), project.members(),
                context, controls, now, ReleaseState.DRAFT, 0, List.of(), List.of(), null, null);
        repository.insert(r);
        audit.append(AuditEvent.of(actor.username(), "release.created", "release", r.id(), Outcome.DONE)
                .with("project", project.id()).with("workspace", workspaceId).with("state", r.state())
                .sensitive("context", context).sensitive("controls", controls));
        return r;
    }

    /** Adds the output of an aggregate job of the request's workspace under {@code name}, or replaces it. */
    @Transactional
    public ReleaseRequest putOutput(Actor actor, ReleaseId id, String name, UUID jobId) {
        Loaded l = load(actor, id, true);
        ReleaseRequest r = l.request();
        r.check(ReleaseRequest.Move.EDIT_OUTPUTS, actor, l.workspace());
        AggregateOutputView job = jobOutputs.aggregateOutput(jobId).orElseThrow(() -> new DomainException.Invalid("jobId",
                "job " + jobId + " is not a succeeded aggregate job"));
        if (!job.workspaceId().equals(r.workspaceId()) || !job.projectId().equals(r.projectId()) || !job.author().equals(r.author())) {
            throw new DomainException.Invalid("jobId", "job " + jobId + " did not run in this request's workspace");
        }
        CheckResult result = OutputCheck.evaluate(job.cellTableJson(), job.policy(), name);
        ReleaseOutput output = new ReleaseOutput(name, jobId, job.sqlSha256(), job.datasets(), job.policy(), job.cellTableJson(),
                job.sdcRecordJson(), result.status().id(), result.summary(), SdcRecordWriter.toJson(result), clock.instant());
        ReleaseState from = r.state();
        int round = r.round();
        boolean reset = r.putOutput(actor, l.workspace(), output);
        save(r, from);
        audit.append(AuditEvent.of(actor.username(), "release.output.added", "release", id, Outcome.DONE)
                .with("output", name).with("job", jobId).with("verdict", output.verdict()));
        auditReset(actor, r, reset, round);
        return r;
    }

    @Transactional
    public ReleaseRequest removeOutput(Actor actor, ReleaseId id, String name) {
        Loaded l = load(actor, id, true);
        ReleaseRequest r = l.request();
        ReleaseState from = r.state();
        int round = r.round();
        boolean reset = r.removeOutput(actor, l.workspace(), name);
        save(r, from);
        audit.append(AuditEvent.of(actor.username(), "release.output.removed", "release", id, Outcome.DONE).with("output", name));
        auditReset(actor, r, reset, round);
        return r;
    }

    private void auditReset(Actor actor, ReleaseRequest r, boolean reset, int previousRound) {
        if (reset) {
            audit.append(AuditEvent.of(actor.username(), "release.reviews.reset", "release", r.id(), Outcome.DONE)
                    .with("previous_round", previousRound).with("round", r.round()));
        }
    }

    /**
     * DRAFT or RETURNED to SUBMITTED: the policy is evaluated again on every output (the stored verdicts
     * are replaced) and the outputs are checked for differencing against the project's ledger and each
     * other; flags are stored for the checkers.
     */
    @Transactional
    public ReleaseRequest submit(Actor actor, ReleaseId id) {
        Loaded l = load(actor, id, true);
        ReleaseRequest r = l.request();
        ReleaseState from = r.submit(actor, l.workspace(), clock.instant());
        List<ReleaseOutput> evaluated = new ArrayList<>();
        List<PublishedTable> tables = new ArrayList<>();
        long threshold = 1;
        for (ReleaseOutput o : r.outputs()) {
            CheckResult result = OutputCheck.evaluate(o.cellTableJson(), o.policy(), o.name());
            evaluated.add(o.withVerdict(result.status().id(), result.summary(), SdcRecordWriter.toJson(result)));
            tables.add(OutputCheck.published("this request: " + o.name(), result));
            threshold = Math.max(threshold, result.policy().threshold().minUnits());
        }
        r.replaceOutputs(evaluated);
        List<DifferencingFlag> flags = DifferencingDetector.check(tables, repository.ledger(r.projectId()), threshold);
        save(r, from);
        flags.forEach(f -> repository.insertFlag(id, r.round(), f));
        audit.append(transition(actor, r, from).with("round", r.round()).with("outputs", r.outputs().size())
                .with("verdicts", String.join(",", evaluated.stream().map(o -> o.name() + ":" + o.verdict()).toList()))
                .with("differencing_flags", flags.size()));
        return r;
    }

    @Transactional
    public ReleaseRequest withdraw(Actor actor, ReleaseId id) {
        ReleaseRequest r = load(actor, id, true).request();
        ReleaseState from = r.withdraw(actor);
        save(r, from);
        audit.append(transition(actor, r, from));
        return r;
    }

    /** A checker's vote; the second vote of a round makes the request REVIEWED and the system decides at once. */
    @Transactional
    public ReleaseRequest vote(Actor actor, ReleaseId id, Vote.Decision decision, String reason) {
        ReleaseRequest r = load(actor, id, true).request();
        ReleaseState from = r.vote(actor, decision, reason, clock.instant());
        Vote vote = r.votes().get(r.votes().size() - 1);
        repository.insertVote(id, vote);
        audit.append(transition(actor, r, from).with("round", r.round()).with("decision", decision).sensitive("reason", reason));
        if (r.state() == ReleaseState.REVIEWED) {
            ReleaseState reviewed = r.decide(Actor.SYSTEM);
            audit.append(transition(Actor.SYSTEM, r, reviewed).with("round", r.round())
                    .with("decisions", String.join(",", r.votes().stream().map(v -> v.decision().name()).toList())));
        }
        save(r, from);
        return r;
    }

    @Transactional
    public Comment comment(Actor actor, ReleaseId id, Comment.Visibility visibility, String text) {
        ReleaseRequest r = load(actor, id, false).request();
        Optional<DomainException> refusal = r.whyNotComment(actor, visibility);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        Comment c = new Comment(0, actor.username(), visibility, text, clock.instant());
        repository.insertComment(id, c);
        audit.append(AuditEvent.of(actor.username(), "release.commented", "release", id, Outcome.DONE)
                .with("visibility", visibility).sensitive("text", text));
        return c;
    }

    /** A request its viewer may see, with the comments and (checkers only) the differencing flags they may see. */
    @Transactional(readOnly = true)
    public Loaded get(Actor actor, ReleaseId id) {
        Loaded l = load(actor, id, false);
        l.request().checkView(actor);
        boolean checker = l.request().isCheckerFor(actor);
        List<Comment> comments = repository.comments(id).stream()
                .filter(c -> checker || c.visibility() == Comment.Visibility.PUBLIC).toList();
        List<DifferencingFlag> flags = checker ? repository.flags(id, l.request().round()) : List.of();
        return new Loaded(l.request(), l.project(), comments, flags, l.workspace());
    }

    /** The requests the actor wrote. */
    @Transactional(readOnly = true)
    public List<Loaded> mine(Actor actor) {
        return repository.byAuthor(actor.username()).stream().map(id -> load(actor, id, false)).toList();
    }

    /** Checkers: the requests waiting for a vote they may cast. */
    @Transactional(readOnly = true)
    public List<Loaded> queue(Actor actor) {
        if (!actor.has(Role.CHECKER)) {
            throw new DomainException.Forbidden("only checkers have a review queue");
        }
        return repository.awaitingReview().stream().map(id -> load(actor, id, false))
                .filter(l -> l.request().can(ReleaseRequest.Move.VOTE, actor, Optional.empty())).toList();
    }

    /** Loads a request with its project's members and why its workspace may not be used by the actor now. */
    Loaded load(Actor actor, ReleaseId id, boolean lock) {
        Project project = projects.load(repository.projectOf(id).orElseThrow(() -> new DomainException.NotFound("release request", id)));
        ReleaseRequest r = (lock ? repository.lock(id, project.members()) : repository.find(id, project.members()))
                .orElseThrow(() -> new DomainException.NotFound("release request", id));
        return new Loaded(r, project, List.of(), List.of(), workspaceRefusal(actor, r, project));
    }

    /** The request's author opened its workspace (see {@link #create}); anyone else is not its owner. */
    private Optional<DomainException> workspaceRefusal(Actor actor, ReleaseRequest r, Project project) {
        if (actor.system() || !actor.username().equals(r.author())) {
            // Not calling WorkspaceService for others: its refusal would mark this transaction rollback-only.
            return Optional.of(new DomainException.Forbidden("only the researcher who opened a workspace uses it"));
        }
        return workspaces.get(actor, r.workspaceId()).whyNotUse(actor, project, clock.instant());
    }

    void save(ReleaseRequest r, ReleaseState from) {
        if (!repository.update(r, from)) {
            throw new InvariantViolation("release request " + r.id() + " changed under a row lock");
        }
    }

    static AuditEvent transition(Actor actor, ReleaseRequest r, ReleaseState from) {
        return AuditEvent.of(actor.username(), "release." + r.state().name().toLowerCase(), "release", r.id(), Outcome.DONE)
                .with("from", from).with("to", r.state());
    }
}
