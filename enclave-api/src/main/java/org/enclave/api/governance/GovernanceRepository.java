package org.enclave.api.governance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.enclave.api.catalogue.Sensitivity;
import org.enclave.api.project.ProjectId;
import org.enclave.api.project.ProjectState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the project tables as the committee's queue and as decision-time samples (a read model: the
 * project package stays the only writer of projects), and writes reminders.
 */
@Repository
class GovernanceRepository {

    /** An application waiting for the committee: at first instance (SUBMITTED) or on appeal (APPEALED). */
    record Pending(ProjectId id, String title, ProjectState stage, Instant since, Sensitivity tier) {
    }

    /** A first-instance decision (the rejection, for an appealed project). */
    record Decided(Instant submittedAt, Instant decidedAt, Sensitivity tier) {
    }

    private final JdbcClient jdbc;

    GovernanceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** The tier of an application: its most sensitive requested dataset. */
    private static final String TIERS = """
            array(select distinct d.sensitivity from project_requested_column r join dataset d on d.id = r.dataset_id
                  where r.project_id = p.id) as tiers""";

    static Sensitivity tier(ResultSet rs) throws SQLException {
        String[] tiers = (String[]) rs.getArray("tiers").getArray();
        return Arrays.stream(tiers).map(Sensitivity::valueOf).max(Enum::compareTo).orElse(Sensitivity.VERY_HIGH);
    }

    List<Pending> pending() {
        return jdbc.sql("""
                select p.id, p.title, p.state, case when p.state = 'APPEALED' then a.appealed_at else p.submitted_at end as since,
                  %s
                from project p left join project_appeal a on a.project_id = p.id
                where p.state in ('SUBMITTED', 'APPEALED')
                order by since""".formatted(TIERS))
                .query((rs, n) -> new Pending(new ProjectId(rs.getObject("id", UUID.class)), rs.getString("title"),
                        ProjectState.valueOf(rs.getString("state")), instant(rs, "since"), tier(rs)))
                .list().stream().filter(p -> p.since() != null).toList();
    }

    /** One pending application, row-locked for the rest of the transaction; empty once it has been decided. */
    Optional<Pending> lockPending(ProjectId id) {
        jdbc.sql("select id from project where id = ? for update").param(id.value()).query(UUID.class).optional();
        return pending().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    Optional<Instant> lastReminder(ProjectId id, ProjectState stage) {
        return jdbc.sql("select max(sent_at) from application_reminder where project_id = ? and stage = ?")
                .params(id.value(), stage.name())
                .query((rs, n) -> instant(rs, "max")).optional().flatMap(Optional::ofNullable);
    }

    void insertReminder(ProjectId id, ProjectState stage, Instant at) {
        jdbc.sql("insert into application_reminder (project_id, stage, sent_at) values (?, ?, ?)")
                .params(id.value(), stage.name(), ts(at)).update();
    }

    /**
     * Every first-instance decision: approved (and later revoked or ended) or rejected projects, with
     * the rejection's time for those that were appealed (their decision columns now hold the appeal's).
     */
    List<Decided> decided() {
        return jdbc.sql("""
                select p.submitted_at, coalesce(a.rejected_at, p.decided_at) as decided_at, %s
                from project p left join project_appeal a on a.project_id = p.id
                where p.state in ('APPROVED', 'REJECTED', 'REVOKED', 'ENDED', 'APPEALED', 'REJECTED_FINAL')
                  and p.submitted_at is not null""".formatted(TIERS))
                .query((rs, n) -> new Decided(instant(rs, "submitted_at"), instant(rs, "decided_at"), tier(rs)))
                .list().stream().filter(d -> d.decidedAt() != null).toList();
    }
}
