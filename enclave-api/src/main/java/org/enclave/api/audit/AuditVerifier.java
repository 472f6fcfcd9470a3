package org.enclave.api.audit;

import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
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
 * One streaming pass (fetch size 500); memory holds only the signed heads.
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
        Map<Long, Checkpoint> checkpoints = new TreeMap<>();
        jdbc.query("select seq, hash, key_id, signature from audit_checkpoint order by seq", (ResultSet rs) -> {
            checkpoints.put(rs.getLong(1), new Checkpoint(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        });
        Walk walk = new Walk();
        streaming.query("select * from audit_entry order by seq", (ResultSet rs) -> walk.next(AuditLog.row(rs, 0), checkpoints));
        Long lastSigned = null;
        for (Checkpoint c : checkpoints.values()) {
            if (!signingKey.keyId().equals(c.keyId()) || !signingKey.verify(CanonicalForm.headText(c.seq(), c.hash()), c.signature())) {
                walk.broken(c.seq(), "the signed chain head at entry " + c.seq() + " has an invalid signature");
            } else if (c.seq() > walk.lastSeq) {
                walk.broken(walk.lastSeq + 1, "entries " + (walk.lastSeq + 1) + ".." + c.seq()
                        + " are missing: the chain head was signed at entry " + c.seq());
            }
            lastSigned = c.seq();
        }
        Break b = walk.first;
        return new VerificationReport(b == null, walk.checked, checkpoints.size(), walk.lastSeq == 0 ? null : walk.lastSeq,
                lastSigned, b == null ? null : b.seq(), b == null ? null : b.reason(),
                clock.instant(), signingKey.keyId(), signingKey.publicKeyBase64());
    }

    /** One pass over the entries in sequence order, keeping the first (lowest) break. */
    private static final class Walk {
        long checked;
        long lastSeq;
        String prev = CanonicalForm.GENESIS;
        Break first;

        void next(AuditEntry e, Map<Long, Checkpoint> checkpoints) {
            long expected = lastSeq + 1;
            if (e.seq() != expected) {
                broken(expected, "entry " + expected + " is missing (next entry is " + e.seq() + ")");
            } else if (!e.prevHash().equals(prev)) {
                broken(e.seq(), "prev_hash does not match the hash of entry " + (e.seq() - 1)
                        + " (entries deleted, inserted or reordered)");
            } else if (!e.recomputeHash().equals(e.hash())) {
                broken(e.seq(), "content does not match its hash (entry changed)");
            }
            Checkpoint signed = checkpoints.get(e.seq());
            if (signed != null && !signed.hash().equals(e.hash())) {
                broken(e.seq(), "entry " + e.seq() + " differs from the signed chain head");
            }
            checked++;
            lastSeq = e.seq();
            prev = e.hash();
        }

        void broken(long seq, String reason) {
            if (first == null || seq < first.seq()) {
                first = new Break(seq, reason);
            }
        }
    }
}
