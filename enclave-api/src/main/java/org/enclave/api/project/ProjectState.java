package org.enclave.api.project;

/** DESIGN section 6: {@code DRAFT -> SUBMITTED -> APPROVED | REJECTED; APPROVED -> REVOKED | ENDED}. */
public enum ProjectState {
    DRAFT, SUBMITTED, APPROVED, REJECTED, REVOKED, ENDED
}
