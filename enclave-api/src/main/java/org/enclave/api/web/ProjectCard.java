package org.enclave.api.web;

import java.util.Optional;
import org.enclave.api.platform.DomainException;
import org.enclave.api.project.Project;
import org.enclave.api.project.Project.Move;
import org.enclave.api.security.Actor;

/**
 * A project as one viewer sees it, with the moves that viewer may make now. Every flag comes from the
 * services' {@code canX} (the same code as their {@code checkX}), so a page never offers a button the
 * API would refuse, nor hides one it would accept.
 */
public record ProjectCard(Project project, boolean canSubmit, boolean canApprove, boolean canReject, boolean canRevoke,
                          boolean canEnd, boolean canOpenWorkspace, String whyNoDecision) {

    static ProjectCard of(Project p, Actor viewer, boolean canOpenWorkspace) {
        Optional<DomainException> noApprove = p.whyNot(Move.APPROVE, viewer);
        Optional<DomainException> noReject = p.whyNot(Move.REJECT, viewer);
        String why = noApprove.isPresent() && noReject.isPresent() ? noReject.get().getMessage() : null;
        return new ProjectCard(p, p.can(Move.SUBMIT, viewer), noApprove.isEmpty(), noReject.isEmpty(),
                p.can(Move.REVOKE, viewer), p.can(Move.END, viewer), canOpenWorkspace, why);
    }

    public boolean canDecide() {
        return canApprove || canReject;
    }
}
