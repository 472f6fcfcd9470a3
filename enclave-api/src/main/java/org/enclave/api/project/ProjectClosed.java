package org.enclave.api.project;

/**
 * Published inside the transaction that revokes or ends a project, so that what hangs off the grant
 * (workspaces) closes in the same transaction, before anything commits.
 */
public record ProjectClosed(ProjectId project, ProjectState state, String actor) {
}
