package org.enclave.api.workspace;

/** DESIGN section 6: {@code OPEN -> CLOSED | EXPIRED -> PURGED}. */
public enum WorkspaceState {
    OPEN, CLOSED, EXPIRED, PURGED
}
