package org.enclave.api.governance;

import java.time.Instant;
import java.util.Optional;
import org.enclave.api.platform.DomainException;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectId;
import org.enclave.api.project.ProjectState;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;

/**
 * The committee asks a data steward or an external expert for an opinion on an application before
 * deciding it. The opinion belongs to the decision of the stage it was asked at (first instance or
 * appeal): once that stage is decided, the consultation is closed and no opinion can be added.
 *
 * @param opinion null until answered
 */
public record Consultation(ConsultationId id, ProjectId project, ProjectState stage, Kind kind, String consultee,
                           String question, String requestedBy, Instant requestedAt, String opinion, Instant answeredAt) {

    /** Whom the committee consults. A steward must hold the steward role to answer; an expert need hold none. */
    public enum Kind { STEWARD, EXPERT }

    public boolean answered() {
        return opinion != null;
    }

    /** Stages at which the committee may consult: the ones it is deciding. */
    static boolean consultable(ProjectState state) {
        return state == ProjectState.SUBMITTED || state == ProjectState.APPEALED;
    }

    /** Why {@code actor} may not ask {@code consultee} about {@code p} now; empty when they may. */
    static Optional<DomainException> whyNotRequest(Project p, Actor actor, String consultee) {
        if (!consultable(p.state())) {
            return Optional.of(new DomainException.Conflict("project is " + p.state() + ": there is no decision pending to consult on"));
        }
        if (!actor.has(Role.COMMITTEE)) {
            return Optional.of(new DomainException.Forbidden("only the committee asks for an opinion"));
        }
        if (p.isMember(actor.username())) {
            return Optional.of(new DomainException.Forbidden("separation of duties: a member of the project cannot handle its application"));
        }
        if (p.isMember(consultee) || consultee.equals(actor.username())) {
            return Optional.of(new DomainException.Invalid("consultee", "the consultee must be independent: not a member of the project, not yourself"));
        }
        return Optional.empty();
    }

    /** Why {@code actor} may not give the opinion now (the project's current state is {@code now}). */
    Optional<DomainException> whyNotAnswer(Actor actor, ProjectState now) {
        if (!actor.username().equals(consultee)) {
            return Optional.of(new DomainException.Forbidden("only the consultee gives this opinion"));
        }
        if (kind == Kind.STEWARD && !actor.has(Role.STEWARD)) {
            return Optional.of(new DomainException.Forbidden("this opinion was asked of a data steward"));
        }
        if (answered()) {
            return Optional.of(new DomainException.Conflict("this opinion has already been given"));
        }
        if (now != stage) {
            return Optional.of(new DomainException.Conflict("the committee has decided: the consultation is closed"));
        }
        return Optional.empty();
    }

    /** The committee sees every consultation; a consultee sees their own. */
    boolean canView(Actor actor) {
        return actor.has(Role.COMMITTEE) || actor.username().equals(consultee);
    }

    static void check(Optional<DomainException> why) {
        if (why.isPresent()) {
            throw why.get();
        }
    }
}
