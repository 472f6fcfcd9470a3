package org.enclave.api.audit;

import java.time.Instant;

/**
 * The result of walking the chain: {@code ok}, how much was checked, and the first broken entry
 * ({@code firstBrokenSeq}, with the reason) when not ok.
 */
public record VerificationReport(boolean ok, long entriesChecked, long checkpointsChecked, Long lastSeq,
                                 Long lastSignedSeq, Long firstBrokenSeq, String reason, Instant verifiedAt,
                                 String signingKeyId, String signingPublicKey) {

    public String summary() {
        return ok
                ? "audit chain OK: " + entriesChecked + " entries, " + checkpointsChecked + " signed heads (last signed seq "
                  + lastSignedSeq + ")"
                : "audit chain BROKEN at entry " + firstBrokenSeq + ": " + reason;
    }
}
