package org.enclave.api.workspace;

/**
 * Published inside the transaction that closes or expires a workspace, so that what runs in it (jobs)
 * is cancelled in the same transaction, before anything commits.
 */
public record WorkspaceEnded(WorkspaceId workspace, WorkspaceState state, String actor) {
}
