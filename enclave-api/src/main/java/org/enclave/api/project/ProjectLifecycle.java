package org.enclave.api.project;

import static org.enclave.api.project.ProjectState.APPEALED;
import static org.enclave.api.project.ProjectState.APPROVED;
import static org.enclave.api.project.ProjectState.DRAFT;
import static org.enclave.api.project.ProjectState.ENDED;
import static org.enclave.api.project.ProjectState.REJECTED;
import static org.enclave.api.project.ProjectState.REJECTED_FINAL;
import static org.enclave.api.project.ProjectState.REVOKED;
import static org.enclave.api.project.ProjectState.SUBMITTED;

import org.enclave.api.platform.StateMachine;

/**
 * The project lifecycle as data: the allowed moves and who may make each. {@link Project} consults it
 * for every transition; {@code ProjectLifecycleTest} walks every (from, to, party) triple; the diagram
 * in docs/api.md is {@code MACHINE.mermaid()}.
 */
public final class ProjectLifecycle {

    /** Who makes a move: the applicant, the committee, or the system (end of validity). */
    public enum Party { AUTHOR, COMMITTEE, SYSTEM }

    public static final StateMachine<ProjectState, Party> MACHINE = StateMachine.<ProjectState, Party>named("project")
            .allow(DRAFT, SUBMITTED, Party.AUTHOR)
            .allow(SUBMITTED, APPROVED, Party.COMMITTEE)
            .allow(SUBMITTED, REJECTED, Party.COMMITTEE)
            .allow(APPROVED, REVOKED, Party.COMMITTEE)
            .allow(APPROVED, ENDED, Party.COMMITTEE, Party.SYSTEM)
            // An appeal, once: REJECTED_FINAL has no way out and nothing leads back to REJECTED.
            .allow(REJECTED, APPEALED, Party.AUTHOR)
            .allow(APPEALED, APPROVED, Party.COMMITTEE)
            .allow(APPEALED, REJECTED_FINAL, Party.COMMITTEE)
            .build();

    private ProjectLifecycle() {
    }
}
