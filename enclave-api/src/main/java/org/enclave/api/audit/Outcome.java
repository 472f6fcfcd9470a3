package org.enclave.api.audit;

/** What an audit entry records: a state change that was made, or an access decision. */
public enum Outcome {
    /** A state change, committed in the same transaction as this entry. */
    DONE,
    /** An access decision that let the request through. */
    ALLOWED,
    /** An access decision that refused the request (written in its own transaction). */
    DENIED
}
