package org.enclave.api.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signs the chain head (newest entry's seq and hash) with Ed25519 on a schedule
 * ({@code enclave.audit.sign-interval}), into the append-only {@code audit_checkpoint} table. A hash
 * chain alone cannot show that its newest entries were cut off; a signed head can: verification
 * reports any entry at or before the last signed head that is gone. Entries written after the last
 * signature are protected from truncation only from the next signature on (at most one interval).
 */
@Component
public class ChainHeadSigner {

    private final JdbcClient jdbc;
    private final ChainSigningKey key;
    private final Clock clock;

    public ChainHeadSigner(JdbcClient jdbc, ChainSigningKey key, Clock clock) {
        this.jdbc = jdbc;
        this.key = key;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${enclave.audit.sign-interval:PT1M}", initialDelayString = "${enclave.audit.sign-interval:PT1M}")
    public void scheduled() {
        signHead();
    }

    /** Signs the current head unless it is already signed; returns the signed seq, if any. */
    @Transactional
    public Optional<Long> signHead() {
        Optional<Map.Entry<Long, String>> head = jdbc.sql("select seq, hash from audit_entry order by seq desc limit 1")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).optional();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        long seq = head.get().getKey();
        String hash = head.get().getValue();
        int inserted = jdbc.sql("""
                insert into audit_checkpoint (seq, hash, signed_at, key_id, signature) values (?, ?, ?, ?, ?)
                on conflict (seq) do nothing
                """)
                .params(seq, hash, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), key.keyId(),
                        key.sign(CanonicalForm.headText(seq, hash)))
                .update();
        return inserted == 1 ? Optional.of(seq) : Optional.empty();
    }
}
