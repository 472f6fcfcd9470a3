package org.enclave.api.project;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.enclave.api.audit.AuditEvent;
import org.enclave.api.audit.AuditLog;
import org.enclave.api.audit.Outcome;
import org.enclave.api.platform.DomainException;
import org.enclave.api.platform.InvariantViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Project keys at rest: made at approval, stored wrapped under the {@link KeyEncryptionKey}, unwrapped
 * only into memory for a job, destroyed when the project is revoked or ends. Destroying sets the
 * wrapped bytes to NULL and records when; every step is audited in the caller's transaction.
 *
 * <p>Note: PostgreSQL keeps the old row version until VACUUM reclaims it; production runs autovacuum
 * and keeps backups under the same KEK rotation policy (docs/api.md, "Key handling").
 */
@Component
public class ProjectKeyVault {

    private final JdbcClient jdbc;
    private final KeyEncryptionKey kek;
    private final AuditLog audit;
    private final Clock clock;

    ProjectKeyVault(JdbcClient jdbc, KeyEncryptionKey kek, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.kek = kek;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void createFor(ProjectId project, String actor) {
        try (ProjectKey key = ProjectKey.generate()) {
            jdbc.sql("insert into project_key (project_id, kek_id, wrapped, created_at) values (?, ?, ?, ?)")
                    .params(project.value(), kek.id(), kek.wrap(key), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .update();
        }
        audit.append(AuditEvent.of(actor, "project.key.created", "project", project, Outcome.DONE).with("kek_id", kek.id()));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void destroyFor(ProjectId project, String actor) {
        int destroyed = jdbc.sql("update project_key set wrapped = null, destroyed_at = ? where project_id = ? and wrapped is not null")
                .params(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), project.value())
                .update();
        if (destroyed == 1) {
            audit.append(AuditEvent.of(actor, "project.key.destroyed", "project", project, Outcome.DONE));
        }
    }

    /**
     * The project key, unwrapped into memory (the caller closes it).
     *
     * @throws DomainException.Conflict when the project has no key or it was destroyed
     */
    @Transactional(readOnly = true)
    public ProjectKey unwrap(ProjectId project) {
        Optional<byte[]> wrapped = jdbc.sql("select wrapped from project_key where project_id = ?").param(project.value())
                .query((rs, n) -> Optional.ofNullable(rs.getBytes(1))).optional().flatMap(o -> o);
        if (wrapped.isEmpty()) {
            throw new DomainException.Conflict("project " + project + " has no project key (never approved, or destroyed)");
        }
        try {
            return kek.unwrap(wrapped.get());
        } catch (GeneralSecurityException e) {
            throw new InvariantViolation("project key of " + project + " does not unwrap under " + kek.id(), e);
        }
    }

    /** Whether a live (not destroyed) key exists for the project. */
    @Transactional(readOnly = true)
    public boolean hasLiveKey(ProjectId project) {
        return jdbc.sql("select count(*) from project_key where project_id = ? and wrapped is not null")
                .param(project.value()).query(Long.class).single() > 0;
    }
}
