package org.enclave.api.release;

/**
 * docs/api.md (after OpenSAFELY's airlock): {@code DRAFT -> SUBMITTED -> PARTIALLY_REVIEWED ->
 * REVIEWED -> APPROVED -> RELEASED}, plus {@code RETURNED}, {@code REJECTED}, {@code WITHDRAWN}.
 */
public enum ReleaseState {
    DRAFT, SUBMITTED, PARTIALLY_REVIEWED, REVIEWED, APPROVED, RELEASED, RETURNED, REJECTED, WITHDRAWN;

    /** States in which the author may change the outputs. */
    public boolean editable() {
        return this == DRAFT || this == RETURNED;
    }
}
