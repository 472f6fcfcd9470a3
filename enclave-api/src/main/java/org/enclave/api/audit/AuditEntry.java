package org.enclave.api.audit;

import java.time.Instant;
import java.util.SortedMap;

/** One stored audit entry, as the chain hashes it ({@link CanonicalForm}) and as auditors read it. */
public record AuditEntry(long seq, Instant at, String actor, String action, String subjectType, String subjectId,
                         Outcome outcome, SortedMap<String, String> details, String prevHash, String hash) {

    /** The hash this entry's content should have, recomputed from the canonical form. */
    public String recomputeHash() {
        return CanonicalForm.hash(seq, at, actor, action, subjectType, subjectId, outcome.name(), details, prevHash);
    }
}
