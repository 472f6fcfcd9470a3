package org.enclave.api.register;

import static org.enclave.api.platform.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.enclave.api.project.ProjectId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The register as a read model of the project tables, and the members' consents (its own table).
 * IMPORTANT: the select lists exactly what may be published; adding a column here publishes it.
 */
@Repository
class RegisterRepository {

    /** States of projects that were granted access (approved, possibly since ended or revoked). */
    static final List<String> PUBLISHED_STATES = List.of("APPROVED", "ENDED", "REVOKED");

    record Row(ProjectId id, String title, String purpose, String institution, List<String> datasets, Instant validFrom,
               Instant validUntil, String state, List<String> consentingMembers) {
    }

    private final JdbcClient jdbc;

    RegisterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> published() {
        return jdbc.sql("""
                select p.id, p.title, p.purpose, p.institution, p.valid_from, p.valid_until, p.state,
                  array(select distinct d.name from project_granted_column g join dataset d on d.id = g.dataset_id
                        where g.project_id = p.id order by d.name) as datasets,
                  array(select c.username from register_consent c join project_member m
                          on m.project_id = c.project_id and m.username = c.username
                        where c.project_id = p.id and c.consent order by c.username) as members
                from project p
                where p.state in ('APPROVED', 'ENDED', 'REVOKED') and p.valid_from is not null
                order by p.valid_from, p.id""")
                .query(RegisterRepository::row).list();
    }

    void consent(ProjectId project, String username, boolean consent, Instant at) {
        jdbc.sql("""
                insert into register_consent (project_id, username, consent, at) values (?, ?, ?, ?)
                on conflict (project_id, username) do update set consent = excluded.consent, at = excluded.at""")
                .params(project.value(), username, consent, OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).update();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(new ProjectId(rs.getObject("id", UUID.class)), rs.getString("title"), rs.getString("purpose"),
                rs.getString("institution"), strings(rs, "datasets"), instant(rs, "valid_from"), instant(rs, "valid_until"),
                rs.getString("state"), strings(rs, "members"));
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        return Arrays.asList((String[]) rs.getArray(column).getArray());
    }

}
