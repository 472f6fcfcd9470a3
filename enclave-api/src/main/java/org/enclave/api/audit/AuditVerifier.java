package org.enclave.api.audit;

import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks the whole chain in sequence order and reports the first broken entry:
 * <ul>
 *   <li>a sequence gap (an entry was deleted, or a row renumbered),</li>
 *   <li>an entry whose {@code prev_hash} is not the previous entry's hash (reordered or re-linked),</li>
 *   <li>an entry whose content does not hash to its stored hash (changed),</li>
 *   <li>a signed chain head whose signature fails, whose entry has another hash, or whose entry is gone
 *       (the newest entries were deleted after the head was signed).</li>
 * </ul>
 * Streams rows (fetch size 500), so memory stays flat however long the log is.
 */
@Component
public class AuditVerifier {

    private record Checkpoint(long seq, String hash, String keyId, String signature) {
    }

    private record Break(long seq, String reason) {
    }

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final ChainSigningKey signingKey;
    private final Clock clock;

    public AuditVerifier(JdbcTemplate jdbc, ChainSigningKey signingKey, Clock clock) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(500);
        this.signingKey = signingKey;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public VerificationReport verify() {
        List<Checkpoint> checkpoints = jdbc.query("select seq, hash, key_id, signature from audit_checkpoint order by seq",
                (rs, n) -> new Checkpoint(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        long[] state = {0, 0}; // entries checked, last seq
        String[] prev = {CanonicalForm.GENESIS};
        Break[] first = {null};
        streaming.query("select * from audit_entry order by seq", (ResultSet rs) -> {
            AuditEntry e = AuditLog.row(rs, 0);
            long expected = state[1] + 1;
            if (first[0] == null) {
                if (e.seq() != expected) {
                    first[0] = new Break(expected, "entry " + expected + " is missing (next entry is " + e.seq() + ")");
                } else if (!e.prevHash().equals(prev[0])) {
                    first[0] = new Break(e.seq(), "prev_hash does not match the hash of entry " + (e.seq() - 1)
                            + " (entries deleted, inserted or reordered)");
                } else if (!e.recomputeHash().equals(e.hash())) {
                    first[0] = new Break(e.seq(), "content does not match its hash (entry changed)");
                }
            }
            state[0]++;
            state[1] = e.seq();
            prev[0] = e.hash();
        });
        long lastSeq = state[1];
        Long lastSigned = null;
        for (Checkpoint c : checkpoints) {
            Break b = null;
            if (!signingKey.keyId().equals(c.keyId()) || !signingKey.verify(CanonicalForm.headText(c.seq(), c.hash()), c.signature())) {
                b = new Break(c.seq(), "the signed chain head at entry " + c.seq() + " has an invalid signature");
            } else if (c.seq() > lastSeq) {
                b = new Break(lastSeq + 1, "entries " + (lastSeq + 1) + ".." + c.seq()
                        + " are missing: the chain head was signed at entry " + c.seq());
            } else {
                String stored = jdbc.query("select hash from audit_entry where seq = ?",
                        rs -> rs.next() ? rs.getString(1) : null, c.seq());
                if (stored == null) {
                    b = new Break(c.seq(), "entry " + c.seq() + " is missing: it was a signed chain head");
                } else if (!stored.equals(c.hash())) {
                    b = new Break(c.seq(), "entry " + c.seq() + " differs from the signed chain head");
                }
            }
            if (b != null && (first[0] == null || b.seq() < first[0].seq())) {
                first[0] = b;
            }
            lastSigned = c.seq();
        }
        Break broken = first[0];
        return new VerificationReport(broken == null, state[0], checkpoints.size(), lastSeq == 0 ? null : lastSeq,
                lastSigned, broken == null ? null : broken.seq(), broken == null ? null : broken.reason(),
                clock.instant(), signingKey.keyId(), signingKey.publicKeyBase64());
    }
}
