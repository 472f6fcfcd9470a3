package org.enclave.api.workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.enclave.api.platform.DomainException;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectId;
import org.enclave.api.security.Actor;
import org.enclave.api.workspace.WorkspaceLifecycle.Party;

/**
 * A researcher's time-limited workspace inside a grant. It is usable only while OPEN, before its
 * expiry, and while its project's grant is in force: the check reads the clock and the project at
 * every request, so an expired, closed or revoked workspace is refused at once, before any sweep.
 */
public final class Workspace {

    private final WorkspaceId id;
    private final ProjectId projectId;
    private final String owner;
    private final Instant openedAt;
    private final Instant expiresAt;
    private WorkspaceState state;
    private Instant endedAt;
    private Instant purgedAt;

    Workspace(WorkspaceId id, ProjectId projectId, String owner, WorkspaceState state, Instant openedAt, Instant expiresAt,
              Instant endedAt, Instant purgedAt) {
        this.id = id;
        this.projectId = projectId;
        this.owner = owner;
        this.state = state;
        this.openedAt = openedAt;
        this.expiresAt = expiresAt;
        this.endedAt = endedAt;
        this.purgedAt = purgedAt;
    }

    /** expiry = min(requested end, now + configured maximum, grant end). */
    static Instant expiry(Instant now, Instant requestedEnd, Duration max, Instant grantEnd) {
        Instant e = requestedEnd;
        if (now.plus(max).isBefore(e)) {
            e = now.plus(max);
        }
        if (grantEnd.isBefore(e)) {
            e = grantEnd;
        }
        return e;
    }

    Party partyOf(Actor actor) {
        return actor.system() ? Party.SYSTEM : actor.username().equals(owner) ? Party.OWNER : null;
    }

    private void move(WorkspaceState to, Actor actor) {
        WorkspaceLifecycle.MACHINE.checkMove(state, to);
        Party party = partyOf(actor);
        if (party == null) {
            throw new DomainException.Forbidden("only the workspace's owner or the system may change it");
        }
        WorkspaceLifecycle.MACHINE.checkParty(state, to, party);
        state = to;
    }

    /** OPEN to CLOSED by the owner, before expiry: after it, like every request, refused (the sweeper expires it). */
    WorkspaceState close(Actor actor, Instant now) {
        WorkspaceState from = state;
        Optional<DomainException> refusal = whyNotClose(actor, now);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        state = WorkspaceState.CLOSED;
        endedAt = now;
        return from;
    }

    /** Why {@code actor} may not close the workspace at {@code now}; empty when they may. */
    public Optional<DomainException> whyNotClose(Actor actor, Instant now) {
        try {
            WorkspaceLifecycle.MACHINE.checkMove(state, WorkspaceState.CLOSED);
        } catch (DomainException e) {
            return Optional.of(e);
        }
        Party party = partyOf(actor);
        if (party == null) {
            return Optional.of(new DomainException.Forbidden("only the workspace's owner or the system may change it"));
        }
        try {
            WorkspaceLifecycle.MACHINE.checkParty(state, WorkspaceState.CLOSED, party);
        } catch (DomainException e) {
            return Optional.of(e);
        }
        if (!now.isBefore(expiresAt)) {
            return Optional.of(new DomainException.Conflict("workspace expired at " + expiresAt));
        }
        return Optional.empty();
    }

    WorkspaceState expire(Instant now) {
        WorkspaceState from = state;
        move(WorkspaceState.EXPIRED, Actor.SYSTEM);
        endedAt = now;
        return from;
    }

    WorkspaceState purge(Instant now) {
        WorkspaceState from = state;
        move(WorkspaceState.PURGED, Actor.SYSTEM);
        purgedAt = now;
        return from;
    }

    /** Only the owner sees a workspace. */
    public boolean canView(Actor actor) {
        return actor.username().equals(owner);
    }

    public void checkView(Actor actor) {
        if (!canView(actor)) {
            throw new DomainException.Forbidden("only the researcher who opened a workspace uses it");
        }
    }

    /** Why the workspace may not be used now; empty when it may. */
    public Optional<DomainException> whyNotUse(Actor actor, Project project, Instant now) {
        if (!canView(actor)) {
            return Optional.of(new DomainException.Forbidden("only the researcher who opened a workspace uses it"));
        }
        if (!project.isMember(actor.username())) {
            return Optional.of(new DomainException.Forbidden("you are no longer a member of the project"));
        }
        if (state != WorkspaceState.OPEN) {
            return Optional.of(new DomainException.Conflict("workspace is " + state));
        }
        if (!now.isBefore(expiresAt)) {
            return Optional.of(new DomainException.Conflict("workspace expired at " + expiresAt));
        }
        if (!project.grantInForce(now)) {
            return Optional.of(new DomainException.Conflict("the project's grant is not in force (project " + project.state() + ")"));
        }
        return Optional.empty();
    }

    public boolean canUse(Actor actor, Project project, Instant now) {
        return whyNotUse(actor, project, now).isEmpty();
    }

    public void checkUse(Actor actor, Project project, Instant now) {
        Optional<DomainException> refusal = whyNotUse(actor, project, now);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    public WorkspaceId id() { return id; }
    public ProjectId projectId() { return projectId; }
    public String owner() { return owner; }
    public WorkspaceState state() { return state; }
    public Instant openedAt() { return openedAt; }
    public Instant expiresAt() { return expiresAt; }
    public Instant endedAt() { return endedAt; }
    public Instant purgedAt() { return purgedAt; }
}
