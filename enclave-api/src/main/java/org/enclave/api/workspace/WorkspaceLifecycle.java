package org.enclave.api.workspace;

import static org.enclave.api.workspace.WorkspaceState.CLOSED;
import static org.enclave.api.workspace.WorkspaceState.EXPIRED;
import static org.enclave.api.workspace.WorkspaceState.OPEN;
import static org.enclave.api.workspace.WorkspaceState.PURGED;

import org.enclave.api.platform.StateMachine;

/**
 * The workspace lifecycle as data. The owner closes; the system expires (time, grant end, revocation)
 * and purges after the retention period. {@code WorkspaceLifecycleTest} walks every triple.
 */
public final class WorkspaceLifecycle {

    /** Who makes a move: the researcher who opened the workspace, or the system. */
    public enum Party { OWNER, SYSTEM }

    public static final StateMachine<WorkspaceState, Party> MACHINE = StateMachine.<WorkspaceState, Party>named("workspace")
            .allow(OPEN, CLOSED, Party.OWNER)
            .allow(OPEN, EXPIRED, Party.SYSTEM)
            .allow(CLOSED, PURGED, Party.SYSTEM)
            .allow(EXPIRED, PURGED, Party.SYSTEM)
            .build();

    private WorkspaceLifecycle() {
    }
}
