package org.enclave.api.release;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.enclave.api.platform.DomainException;
import org.enclave.api.platform.InvariantViolation;
import org.enclave.api.project.ProjectId;
import org.enclave.api.release.ReleaseLifecycle.Party;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.enclave.api.workspace.WorkspaceId;

/**
 * A release request (the airlock): outputs of one workspace, with the author's context and controls,
 * reviewed by two independent checkers. Each transition is one method that checks the state (409),
 * then the actor (403: lifecycle party, then separation of duties), then changes the request; the
 * service persists and audits it in one transaction.
 *
 * <p>Every rule lives once, in {@link #whyNot}; {@link #can} and {@link #check} are its two faces.
 * Separation of duties: the author, and every member of the project, can never
 * review; a checker votes once per round; votes of a round count only while the outputs are
 * unchanged (any change, and every new submission, starts a new round).
 */
public final class ReleaseRequest {

    /** What a caller can ask to do; the view lists those the caller may do now. */
    public enum Move { EDIT_OUTPUTS, SUBMIT, WITHDRAW, VOTE, COMMENT, RELEASE, DOWNLOAD }

    private static final Set<ReleaseState> COMMENTABLE = EnumSet.of(ReleaseState.SUBMITTED, ReleaseState.PARTIALLY_REVIEWED,
            ReleaseState.REVIEWED, ReleaseState.RETURNED, ReleaseState.APPROVED);

    private final ReleaseId id;
    private final ProjectId projectId;
    private final WorkspaceId workspaceId;
    private final String author;
    private final Set<String> projectMembers;
    private final String context;
    private final String controls;
    private final Instant createdAt;
    private ReleaseState state;
    private int round;
    private final List<ReleaseOutput> outputs;
    private final List<Vote> votes;
    private Instant submittedAt;
    private Instant releasedAt;

    ReleaseRequest(ReleaseId id, ProjectId projectId, WorkspaceId workspaceId, String author, Set<String> projectMembers,
                   String context, String controls, Instant createdAt, ReleaseState state, int round,
                   List<ReleaseOutput> outputs, List<Vote> votes, Instant submittedAt, Instant releasedAt) {
        this.id = id;
        this.projectId = projectId;
        this.workspaceId = workspaceId;
        this.author = author;
        this.projectMembers = Set.copyOf(projectMembers);
        this.context = context;
        this.controls = controls;
        this.createdAt = createdAt;
        this.state = state;
        this.round = round;
        this.outputs = new ArrayList<>(outputs);
        this.votes = new ArrayList<>(votes);
        this.submittedAt = submittedAt;
        this.releasedAt = releasedAt;
    }

    /** Parties the actor acts as on this request. */
    Set<Party> partiesOf(Actor actor) {
        Set<Party> parties = EnumSet.noneOf(Party.class);
        if (actor.system()) {
            parties.add(Party.SYSTEM);
            return parties;
        }
        if (actor.username().equals(author) && actor.has(Role.RESEARCHER)) {
            parties.add(Party.AUTHOR);
        }
        if (actor.has(Role.CHECKER) && !isMember(actor.username()) && !actor.username().equals(author)) {
            parties.add(Party.CHECKER);
        }
        return parties;
    }

    private boolean isMember(String username) {
        return projectMembers.contains(username);
    }

    /**
     * Why {@code actor} may not make {@code move} now; empty when they may. The one place the rules live.
     *
     * @param workspace why the request's workspace may not be used now by the actor (empty when it may);
     *                  consulted for the moves that need it (changing outputs, submitting)
     */
    public Optional<DomainException> whyNot(Move move, Actor actor, Optional<DomainException> workspace) {
        return switch (move) {
            case EDIT_OUTPUTS -> {
                if (!state.editable()) {
                    yield conflict("release request is " + state + ": its outputs change only in DRAFT or RETURNED");
                }
                if (!partiesOf(actor).contains(Party.AUTHOR)) {
                    yield forbidden("only the request's author changes its outputs");
                }
                yield workspace;
            }
            case SUBMIT -> transition(ReleaseState.SUBMITTED, actor)
                    .or(() -> outputs.isEmpty() ? conflict("a release request needs at least one output") : Optional.empty())
                    .or(() -> workspace);
            case WITHDRAW -> transition(ReleaseState.WITHDRAWN, actor);
            case VOTE -> transition(voteTarget(), actor)
                    .or(() -> votes.stream().anyMatch(v -> v.checker().equals(actor.username()))
                            ? conflict("you have already voted on this request in this round") : Optional.empty());
            case RELEASE -> transition(ReleaseState.RELEASED, actor);
            case COMMENT -> {
                if (!COMMENTABLE.contains(state)) {
                    yield conflict("release request is " + state + ": no comments now");
                }
                Set<Party> parties = partiesOf(actor);
                if (parties.contains(Party.AUTHOR) || parties.contains(Party.CHECKER)) {
                    yield Optional.empty();
                }
                yield separation(actor).or(() -> forbidden("only the author and checkers comment on a release request"));
            }
            case DOWNLOAD -> {
                if (state != ReleaseState.RELEASED) {
                    yield conflict("release request is " + state + ": only a RELEASED request has a package");
                }
                yield partiesOf(actor).contains(Party.AUTHOR) ? Optional.empty()
                        : forbidden("only the request's author downloads its package");
            }
        };
    }

    public boolean can(Move move, Actor actor, Optional<DomainException> workspace) {
        return whyNot(move, actor, workspace).isEmpty();
    }

    public void check(Move move, Actor actor, Optional<DomainException> workspace) {
        Optional<DomainException> refusal = whyNot(move, actor, workspace);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /** Why {@code actor} may not cast this vote: the move's rules, then a failing output cannot be approved. */
    public Optional<DomainException> whyNotVote(Actor actor, Vote.Decision decision) {
        return whyNot(Move.VOTE, actor, Optional.empty()).or(() -> {
            if (decision != Vote.Decision.APPROVE) {
                return Optional.empty();
            }
            return outputs.stream().filter(ReleaseOutput::fails).findFirst().map(o -> new DomainException.Conflict(
                    "output " + o.name() + " fails the disclosure policy (" + o.summary()
                            + "): it can only be returned or rejected, not approved"));
        });
    }

    /** Why {@code actor} may not post this comment: the move's rules, then private comments are the checkers' only. */
    public Optional<DomainException> whyNotComment(Actor actor, Comment.Visibility visibility) {
        return whyNot(Move.COMMENT, actor, Optional.empty()).or(() -> visibility == Comment.Visibility.PRIVATE
                && !isCheckerFor(actor) ? forbidden("private comments are between checkers; the author comments in public")
                : Optional.empty());
    }

    private Optional<DomainException> transition(ReleaseState to, Actor actor) {
        if (!ReleaseLifecycle.MACHINE.hasMove(state, to)) {
            return conflict("release request is " + state + ": it cannot become " + to);
        }
        Set<Party> allowed = ReleaseLifecycle.MACHINE.partiesFor(state, to);
        if (partiesOf(actor).stream().noneMatch(allowed::contains)) {
            return separation(actor).or(() -> forbidden("only " + allowed + " may move a release request from " + state + " to " + to));
        }
        return Optional.empty();
    }

    private Optional<DomainException> separation(Actor actor) {
        if (actor.has(Role.CHECKER) && (isMember(actor.username()) || actor.username().equals(author))) {
            return forbidden("separation of duties: the author and the project's members never review its outputs");
        }
        return Optional.empty();
    }

    private static Optional<DomainException> conflict(String message) {
        return Optional.of(new DomainException.Conflict(message));
    }

    private static Optional<DomainException> forbidden(String message) {
        return Optional.of(new DomainException.Forbidden(message));
    }

    /** The first vote of a round makes the request PARTIALLY_REVIEWED, the second REVIEWED. */
    ReleaseState voteTarget() {
        return votes.isEmpty() ? ReleaseState.PARTIALLY_REVIEWED : ReleaseState.REVIEWED;
    }

    /** The system's decision once both have voted: any rejection rejects, two approvals approve, otherwise returned. */
    ReleaseState decisionTarget() {
        if (votes.stream().anyMatch(v -> v.decision() == Vote.Decision.REJECT)) {
            return ReleaseState.REJECTED;
        }
        if (votes.size() >= 2 && votes.stream().allMatch(v -> v.decision() == Vote.Decision.APPROVE)) {
            return ReleaseState.APPROVED;
        }
        return ReleaseState.RETURNED;
    }

    // ---- transitions: each returns the state it left ------------------------------------------------

    /** Adds or replaces (same name) an output; in RETURNED this starts a new round. @return whether reviews were reset */
    boolean putOutput(Actor actor, Optional<DomainException> workspace, ReleaseOutput output) {
        check(Move.EDIT_OUTPUTS, actor, workspace);
        outputs.stream().filter(o -> o.jobId().equals(output.jobId()) && !o.name().equals(output.name())).findFirst()
                .ifPresent(o -> {
                    throw new DomainException.Conflict("job " + output.jobId() + " is already output " + o.name() + " of this request");
                });
        outputs.removeIf(o -> o.name().equals(output.name()));
        outputs.add(output);
        return resetReviews();
    }

    /** @return whether reviews were reset */
    boolean removeOutput(Actor actor, Optional<DomainException> workspace, String name) {
        check(Move.EDIT_OUTPUTS, actor, workspace);
        if (!outputs.removeIf(o -> o.name().equals(name))) {
            throw new DomainException.NotFound("output", name);
        }
        return resetReviews();
    }

    /** A change after review discards the round's votes: the next submission is reviewed afresh. */
    private boolean resetReviews() {
        if (state != ReleaseState.RETURNED || votes.isEmpty()) {
            return false;
        }
        round++;
        votes.clear();
        return true;
    }

    ReleaseState submit(Actor actor, Optional<DomainException> workspace, Instant now) {
        check(Move.SUBMIT, actor, workspace);
        round++;
        votes.clear();
        submittedAt = now;
        return moveTo(ReleaseState.SUBMITTED);
    }

    ReleaseState withdraw(Actor actor) {
        check(Move.WITHDRAW, actor, Optional.empty());
        return moveTo(ReleaseState.WITHDRAWN);
    }

    ReleaseState vote(Actor actor, Vote.Decision decision, String reason, Instant now) {
        Optional<DomainException> refusal = whyNotVote(actor, decision);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        ReleaseState to = voteTarget();
        votes.add(new Vote(round, actor.username(), decision, reason, now));
        return moveTo(to);
    }

    /** REVIEWED to APPROVED, RETURNED or REJECTED, by the system, from the votes. */
    ReleaseState decide(Actor actor) {
        ReleaseState to = decisionTarget();
        Optional<DomainException> refusal = transition(to, actor);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        if (votes.size() != 2) {
            throw new InvariantViolation("release request " + id + " reviewed with " + votes.size() + " votes");
        }
        return moveTo(to);
    }

    ReleaseState release(Actor actor, Instant now) {
        check(Move.RELEASE, actor, Optional.empty());
        releasedAt = now;
        return moveTo(ReleaseState.RELEASED);
    }

    void replaceOutputs(List<ReleaseOutput> evaluated) {
        if (evaluated.size() != outputs.size()) {
            throw new InvariantViolation("outputs changed during an evaluation");
        }
        outputs.clear();
        outputs.addAll(evaluated);
    }

    private ReleaseState moveTo(ReleaseState to) {
        ReleaseState from = state;
        state = to;
        return from;
    }

    // ---- what the caller may see -----------------------------------------------------------------------

    /** The author, and checkers who may review it once it is submitted. */
    public boolean canView(Actor actor) {
        Set<Party> parties = partiesOf(actor);
        return parties.contains(Party.AUTHOR) || parties.contains(Party.CHECKER) && state != ReleaseState.DRAFT;
    }

    public void checkView(Actor actor) {
        if (!canView(actor)) {
            throw new DomainException.Forbidden("only the request's author and, once it is submitted, checkers who are not"
                    + " members of the project see a release request");
        }
    }

    /** Whether the actor sees checker-only material: private comments, vote reasons, differencing flags, per-cell verdicts. */
    public boolean isCheckerFor(Actor actor) {
        return partiesOf(actor).contains(Party.CHECKER);
    }

    /**
     * The votes of this round the actor may see: none of the other's until both have voted (votes are
     * independent); then all. The author sees the decisions, never the reasons.
     */
    public List<Vote> votesVisibleTo(Actor actor) {
        if (votes.size() >= 2) {
            return isCheckerFor(actor) ? List.copyOf(votes)
                    : votes.stream().map(v -> new Vote(v.round(), v.checker(), v.decision(), null, v.at())).toList();
        }
        return votes.stream().filter(v -> v.checker().equals(actor.username())).toList();
    }

    public ReleaseId id() { return id; }
    public ProjectId projectId() { return projectId; }
    public WorkspaceId workspaceId() { return workspaceId; }
    public String author() { return author; }
    public String context() { return context; }
    public String controls() { return controls; }
    public Instant createdAt() { return createdAt; }
    public ReleaseState state() { return state; }
    public int round() { return round; }
    public List<ReleaseOutput> outputs() { return Collections.unmodifiableList(outputs); }
    public List<Vote> votes() { return Collections.unmodifiableList(votes); }
    public int voteCount() { return votes.size(); }
    public Instant submittedAt() { return submittedAt; }
    public Instant releasedAt() { return releasedAt; }

    public Optional<ReleaseOutput> output(String name) {
        return outputs.stream().filter(o -> Objects.equals(o.name(), name)).findFirst();
    }
}
