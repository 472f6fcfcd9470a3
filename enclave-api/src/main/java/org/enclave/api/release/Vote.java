package org.enclave.api.release;

import java.time.Instant;
import java.util.Objects;

/**
 * One checker's vote in one review round. The reason is checker-only text (HMAC'd in the audit, never
 * in the package).
 */
public record Vote(int round, String checker, Decision decision, String reason, Instant at) {

    /** What a checker decides. */
    public enum Decision { APPROVE, REQUEST_CHANGES, REJECT }

    public Vote {
        Objects.requireNonNull(checker, "checker");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(at, "at");
    }
}
