package org.enclave.api.project;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.platform.DomainException;
import org.enclave.api.project.ProjectLifecycle.Party;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;

/**
 * A project application and, once approved, its grant (members, datasets, columns per dataset,
 * {@code validFrom..validUntil}). Each transition is one method that checks the state (409), then the
 * actor (403: lifecycle party, then separation of duties), then changes the project; the service
 * persists and audits it in one transaction.
 *
 * <p>Every rule exists once, in {@link #whyNot}; {@link #can} and {@link #check} are its boolean and
 * throwing forms, so "what may I do here" and enforcement never disagree.
 */
public final class Project {

    /** The moves a caller can ask for; each targets one state. */
    public enum Move {
        SUBMIT(ProjectState.SUBMITTED), APPROVE(ProjectState.APPROVED), REJECT(ProjectState.REJECTED),
        REVOKE(ProjectState.REVOKED), END(ProjectState.ENDED),
        /** The author appeals a rejection, once. Upholding an appeal is {@link #APPROVE} from APPEALED. */
        APPEAL(ProjectState.APPEALED), DISMISS_APPEAL(ProjectState.REJECTED_FINAL);

        final ProjectState target;

        Move(ProjectState target) {
            this.target = target;
        }
    }

    /** A validity window, {@code from} inclusive, {@code until} exclusive. */
    public record Window(Instant from, Instant until) {
        /** PostgreSQL keeps microseconds: instants are truncated to them so that what is stored is what was checked. */
        public Window {
            from = java.util.Objects.requireNonNull(from, "from").truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            until = java.util.Objects.requireNonNull(until, "until").truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        }

        public boolean contains(Instant t) {
            return !t.isBefore(from) && t.isBefore(until);
        }
    }

    /** What a decision recorded: who, when, why. */
    public record Decision(String by, Instant at, String reason) {
    }

    /**
     * An appeal against a rejection: the author's written grounds and the rejection it answers (kept
     * here because deciding the appeal replaces the project's {@link #decision()}).
     */
    public record Appeal(String by, Instant at, String grounds, Decision rejection) {
    }

    private final ProjectId id;
    private final String title;
    private final String purpose;
    private final String legalBasis;
    private final String author;
    private final SortedSet<String> members;
    private final Window requested;
    private final SortedMap<DatasetId, SortedSet<String>> requestedColumns;
    private final Instant createdAt;
    private ProjectState state;
    private Window validity;
    private SortedMap<DatasetId, SortedSet<String>> grantedColumns;
    private Decision decision;
    private Decision closing;
    // Added with governance (docs/governance.md); set by the repository when loading, null for old rows.
    private String institution;
    private Instant submittedAt;
    private Appeal appeal;

    Project(ProjectId id, String title, String purpose, String legalBasis, String author, SortedSet<String> members,
            Window requested, SortedMap<DatasetId, SortedSet<String>> requestedColumns, Instant createdAt,
            ProjectState state, Window validity, SortedMap<DatasetId, SortedSet<String>> grantedColumns,
            Decision decision, Decision closing) {
        this.id = id;
        this.title = title;
        this.purpose = purpose;
        this.legalBasis = legalBasis;
        this.author = author;
        this.members = members;
        this.requested = requested;
        this.requestedColumns = requestedColumns;
        this.createdAt = createdAt;
        this.state = state;
        this.validity = validity;
        this.grantedColumns = grantedColumns;
        this.decision = decision;
        this.closing = closing;
    }

    /** Parties the actor acts as on this project. */
    Set<Party> partiesOf(Actor actor) {
        Set<Party> parties = EnumSet.noneOf(Party.class);
        if (actor.system()) {
            parties.add(Party.SYSTEM);
            return parties;
        }
        if (actor.username().equals(author) && actor.has(Role.RESEARCHER)) {
            parties.add(Party.AUTHOR);
        }
        if (actor.has(Role.COMMITTEE)) {
            parties.add(Party.COMMITTEE);
        }
        return parties;
    }

    /** Why {@code actor} may not make {@code move} now; empty when they may. The one place the rules live. */
    public Optional<DomainException> whyNot(Move move, Actor actor) {
        if (!ProjectLifecycle.MACHINE.hasMove(state, move.target)) {
            return Optional.of(new DomainException.Conflict("project is " + state + ": it cannot become " + move.target));
        }
        Set<Party> allowed = ProjectLifecycle.MACHINE.partiesFor(state, move.target);
        if (partiesOf(actor).stream().noneMatch(allowed::contains)) {
            return Optional.of(new DomainException.Forbidden("only " + allowed + " may move a project from " + state
                    + " to " + move.target));
        }
        boolean committeeDecision = allowed.contains(Party.COMMITTEE) && !actor.system();
        if (committeeDecision && isMember(actor.username())) {
            return Optional.of(new DomainException.Forbidden(
                    "separation of duties: a member of the project cannot decide on it"));
        }
        if (committeeDecision && state == ProjectState.APPEALED && rejectedBy().contains(actor.username())) {
            return Optional.of(new DomainException.Forbidden(
                    "separation of duties: whoever decided the rejection cannot decide the appeal"));
        }
        if (move == Move.APPROVE && actor.has(Role.STEWARD)) {
            return Optional.of(new DomainException.Forbidden("separation of duties: a steward cannot grant access"));
        }
        return Optional.empty();
    }

    public boolean can(Move move, Actor actor) {
        return whyNot(move, actor).isEmpty();
    }

    public void check(Move move, Actor actor) {
        Optional<DomainException> refusal = whyNot(move, actor);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /** DRAFT to SUBMITTED, by the author. */
    ProjectState submit(Actor actor) {
        check(Move.SUBMIT, actor);
        return moveTo(ProjectState.SUBMITTED);
    }

    /**
     * SUBMITTED to APPROVED, by a committee member who is not a member and not a steward. Granted columns
     * must be a non-empty subset of the requested ones (checked by the service before, as input).
     */
    ProjectState approve(Actor actor, Window window, SortedMap<DatasetId, SortedSet<String>> granted, String reason, Instant now) {
        check(Move.APPROVE, actor);
        this.validity = window;
        this.grantedColumns = granted;
        this.decision = new Decision(actor.username(), now, reason);
        return moveTo(ProjectState.APPROVED);
    }

    ProjectState reject(Actor actor, String reason, Instant now) {
        check(Move.REJECT, actor);
        this.decision = new Decision(actor.username(), now, reason);
        return moveTo(ProjectState.REJECTED);
    }

    ProjectState revoke(Actor actor, String reason, Instant now) {
        check(Move.REVOKE, actor);
        this.closing = new Decision(actor.username(), now, reason);
        return moveTo(ProjectState.REVOKED);
    }

    ProjectState end(Actor actor, String reason, Instant now) {
        check(Move.END, actor);
        this.closing = new Decision(actor.username(), now, reason);
        return moveTo(ProjectState.ENDED);
    }

    /** REJECTED to APPEALED, by the author, with written grounds; the rejection is kept with the appeal. */
    ProjectState appeal(Actor actor, String grounds, Instant now) {
        check(Move.APPEAL, actor);
        this.appeal = new Appeal(actor.username(), now, grounds, decision);
        return moveTo(ProjectState.APPEALED);
    }

    /** APPEALED to REJECTED_FINAL, by a committee member who did not decide the rejection. */
    ProjectState dismissAppeal(Actor actor, String reason, Instant now) {
        check(Move.DISMISS_APPEAL, actor);
        this.decision = new Decision(actor.username(), now, reason);
        return moveTo(ProjectState.REJECTED_FINAL);
    }

    /**
     * Who decided the rejection now under appeal. IMPORTANT: while APPEALED, the project's decision is
     * still the rejection; the appeal record holds it too, once it exists.
     */
    private Set<String> rejectedBy() {
        Set<String> by = new java.util.HashSet<>();
        if (decision != null) {
            by.add(decision.by());
        }
        if (appeal != null && appeal.rejection() != null) {
            by.add(appeal.rejection().by());
        }
        return by;
    }

    private ProjectState moveTo(ProjectState to) {
        ProjectState from = state;
        state = to;
        return from;
    }

    public boolean isMember(String username) {
        return members.contains(username);
    }

    /** Members and the committee see a project; nobody else learns more than that it exists. */
    public boolean canView(Actor actor) {
        return isMember(actor.username()) || actor.has(Role.COMMITTEE);
    }

    public void checkView(Actor actor) {
        if (!canView(actor)) {
            throw new DomainException.Forbidden("only the project's members and the committee see a project");
        }
    }

    /** Whether the grant is in force at {@code now}: approved, and inside its validity window. */
    public boolean grantInForce(Instant now) {
        return state == ProjectState.APPROVED && validity != null && validity.contains(now);
    }

    public ProjectId id() { return id; }
    public String title() { return title; }
    public String purpose() { return purpose; }
    public String legalBasis() { return legalBasis; }
    public String author() { return author; }
    public SortedSet<String> members() { return members; }
    public Window requested() { return requested; }
    public SortedMap<DatasetId, SortedSet<String>> requestedColumns() { return requestedColumns; }
    public Instant createdAt() { return createdAt; }
    public ProjectState state() { return state; }
    public Window validity() { return validity; }
    public SortedMap<DatasetId, SortedSet<String>> grantedColumns() { return grantedColumns == null ? new java.util.TreeMap<>() : grantedColumns; }
    public Decision decision() { return decision; }
    public Decision closing() { return closing; }
    /** Where the applicants work; null when the application did not say. */
    public String institution() { return institution; }
    /** When the application was (first) submitted; null while a draft. */
    public Instant submittedAt() { return submittedAt; }
    /** The appeal, if the rejection was appealed; null otherwise. */
    public Appeal appeal() { return appeal; }

    /** The governance fields, set when the project is created or loaded (kept out of the constructor other code calls). */
    Project withGovernance(String institution, Instant submittedAt, Appeal appeal) {
        this.institution = institution;
        this.submittedAt = submittedAt;
        this.appeal = appeal;
        return this;
    }

    void markSubmitted(Instant at) {
        if (submittedAt == null) {
            submittedAt = at;
        }
    }

    /** Columns granted for {@code dataset}, empty when none. */
    public Set<String> grantedFor(DatasetId dataset) {
        return Map.copyOf(grantedColumns()).getOrDefault(dataset, java.util.Collections.emptySortedSet());
    }
}
