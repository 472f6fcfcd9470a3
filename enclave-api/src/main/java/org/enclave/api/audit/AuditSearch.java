package org.enclave.api.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only search over the audit log for auditors: by actor, by action (exact, or a prefix ending in
 * {@code .}, such as {@code project.}), by time, newest first, one page at a time. It only reads: the
 * chain is verified by {@link AuditVerifier}, never by a filtered view.
 */
@Component
public class AuditSearch {

    /**
     * What to look for; every field may be null (no filter).
     *
     * @param beforeSeq only entries with a smaller sequence number (paging backwards)
     */
    public record Filter(String actor, String action, Instant from, Instant until, Long beforeSeq) {
    }

    private final JdbcClient jdbc;

    public AuditSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** At most {@code limit} matching entries, newest first. */
    @Transactional(readOnly = true)
    public List<AuditEntry> search(Filter f, int limit) {
        StringBuilder sql = new StringBuilder("select * from audit_entry where true");
        List<Object> params = new ArrayList<>();
        if (f.actor() != null && !f.actor().isBlank()) {
            sql.append(" and actor = ?");
            params.add(f.actor().trim());
        }
        if (f.action() != null && !f.action().isBlank()) {
            String action = f.action().trim();
            if (action.endsWith(".")) {
                // A prefix: escape LIKE's wildcards so that only the literal prefix matches.
                sql.append(" and action like ? escape '\\'");
                params.add(action.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            } else {
                sql.append(" and action = ?");
                params.add(action);
            }
        }
        if (f.from() != null) {
            sql.append(" and at >= ?");
            params.add(OffsetDateTime.ofInstant(f.from(), ZoneOffset.UTC));
        }
        if (f.until() != null) {
            sql.append(" and at < ?");
            params.add(OffsetDateTime.ofInstant(f.until(), ZoneOffset.UTC));
        }
        if (f.beforeSeq() != null) {
            sql.append(" and seq < ?");
            params.add(f.beforeSeq());
        }
        sql.append(" order by seq desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(AuditLog::row).list();
    }

    /** The distinct actions recorded so far, for the filter's choices. */
    @Transactional(readOnly = true)
    public List<String> actions() {
        return jdbc.sql("select distinct action from audit_entry order by action").query(String.class).list();
    }
}
