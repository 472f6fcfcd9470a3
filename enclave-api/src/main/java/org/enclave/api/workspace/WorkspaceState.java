package org.enclave.api.workspace;

/** docs/api.md: {@code OPEN -> CLOSED | EXPIRED -> PURGED}. */
public enum WorkspaceState {
    OPEN, CLOSED, EXPIRED, PURGED
}
