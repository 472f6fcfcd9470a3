package org.enclave.api.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only, hash-chained audit log (table {@code audit_entry}, whose triggers refuse UPDATE,
 * DELETE and TRUNCATE).
 *
 * <p>Fail closed: {@link #append} must run inside the caller's transaction
 * ({@code MANDATORY}); when the entry cannot be written the exception rolls the state change back with
 * it. Refusals, whose request transaction rolls back, are written by {@link #appendAlone} in a
 * transaction of their own.
 *
 * <p>Appends are serialised by a transaction-scoped advisory lock, so that each entry links to the one
 * committed before it and sequence numbers have no gaps.
 */
@Component
public class AuditLog {

    /** Advisory lock key for the chain head ("ENCL" + "AUDT" in ASCII, any constant would do). */
    private static final long CHAIN_LOCK = 0x454E434C41554454L;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final AuditHmacKey hmacKey;
    private final Clock clock;
    private final TransactionTemplate alone;

    public AuditLog(JdbcClient jdbc, AuditHmacKey hmacKey, Clock clock, PlatformTransactionManager tx) {
        this.jdbc = jdbc;
        this.hmacKey = hmacKey;
        this.clock = clock;
        this.alone = new TransactionTemplate(tx);
        this.alone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Appends {@code event} in the current transaction; throws (and so rolls back) if it cannot. */
    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEntry append(AuditEvent event) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query().singleRow();
        Map.Entry<Long, String> head = jdbc.sql("select seq, hash from audit_entry order by seq desc limit 1")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).optional()
                .orElse(Map.entry(0L, CanonicalForm.GENESIS));
        long seq = head.getKey() + 1;
        // PostgreSQL keeps microseconds: truncate first so that the stored instant hashes the same.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        SortedMap<String, String> details = event.details(hmacKey);
        String hash = CanonicalForm.hash(seq, at, event.actor(), event.action(), event.subjectType(),
                event.subjectId(), event.outcome().name(), details, head.getValue());
        jdbc.sql("""
                insert into audit_entry (seq, at, actor, action, subject_type, subject_id, outcome, details, prev_hash, hash)
                values (:seq, :at, :actor, :action, :subjectType, :subjectId, :outcome, cast(:details as jsonb), :prev, :hash)
                """)
                .param("seq", seq).param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("actor", event.actor()).param("action", event.action())
                .param("subjectType", event.subjectType()).param("subjectId", event.subjectId())
                .param("outcome", event.outcome().name()).param("details", JSON.writeValueAsString(details))
                .param("prev", head.getValue()).param("hash", hash)
                .update();
        return new AuditEntry(seq, at, event.actor(), event.action(), event.subjectType(), event.subjectId(),
                event.outcome(), details, head.getValue(), hash);
    }

    /** Appends {@code event} in a new transaction of its own (for refusals). */
    public AuditEntry appendAlone(AuditEvent event) {
        return alone.execute(status -> append(event));
    }

    /** Entries with {@code seq > afterSeq}, oldest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<AuditEntry> page(long afterSeq, int limit) {
        return jdbc.sql("select * from audit_entry where seq > ? order by seq limit ?")
                .params(afterSeq, limit).query(AuditLog::row).list();
    }

    static AuditEntry row(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("action"), rs.getString("subject_type"),
                rs.getString("subject_id"), Outcome.valueOf(rs.getString("outcome")),
                java.util.Collections.unmodifiableSortedMap(JSON.readValue(rs.getString("details"), DETAILS)),
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
