package org.enclave.api.project;

/**
 * docs/api.md: {@code DRAFT -> SUBMITTED -> APPROVED | REJECTED; APPROVED -> REVOKED | ENDED};
 * an appeal (docs/governance.md): {@code REJECTED -> APPEALED -> APPROVED | REJECTED_FINAL}.
 */
public enum ProjectState {
    DRAFT, SUBMITTED, APPROVED, REJECTED, REVOKED, ENDED, APPEALED, REJECTED_FINAL
}
