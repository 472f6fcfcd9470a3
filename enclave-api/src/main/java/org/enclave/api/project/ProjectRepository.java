package org.enclave.api.project;

import static org.enclave.api.platform.SqlTimes.ts;
import static org.enclave.api.platform.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.enclave.api.catalogue.DatasetId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for projects, their members, requested and granted columns. */
@Repository
class ProjectRepository {

    private final JdbcClient jdbc;

    ProjectRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Project p) {
        jdbc.sql("""
                insert into project (id, title, purpose, legal_basis, author, state, requested_from, requested_until, created_at,
                  institution)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(p.id().value(), p.title(), p.purpose(), p.legalBasis(), p.author(), p.state().name(),
                        ts(p.requested().from()), ts(p.requested().until()), ts(p.createdAt()), p.institution())
                .update();
        for (String m : p.members()) {
            jdbc.sql("insert into project_member (project_id, username) values (?, ?)").params(p.id().value(), m).update();
        }
        columns("project_requested_column", p.id(), p.requestedColumns());
    }

    private void columns(String table, ProjectId id, Map<DatasetId, SortedSet<String>> columns) {
        columns.forEach((dataset, names) -> names.forEach(name ->
                jdbc.sql("insert into " + table + " (project_id, dataset_id, column_name) values (?, ?, ?)")
                        .params(id.value(), dataset.value(), name).update()));
    }

    /** Writes a transition: the state moved from {@code from} (optimistic check) and the decision fields. */
    boolean update(Project p, ProjectState from, boolean writeGrant) {
        int n = jdbc.sql("""
                update project set state = ?, valid_from = ?, valid_until = ?, decided_by = ?, decided_at = ?,
                  decision_reason = ?, closed_by = ?, closed_at = ?, closed_reason = ?, submitted_at = ?
                where id = ? and state = ?""")
                .params(p.state().name(),
                        p.validity() == null ? null : ts(p.validity().from()),
                        p.validity() == null ? null : ts(p.validity().until()),
                        p.decision() == null ? null : p.decision().by(),
                        p.decision() == null ? null : ts(p.decision().at()),
                        p.decision() == null ? null : p.decision().reason(),
                        p.closing() == null ? null : p.closing().by(),
                        p.closing() == null ? null : ts(p.closing().at()),
                        p.closing() == null ? null : p.closing().reason(),
                        ts(p.submittedAt()),
                        p.id().value(), from.name())
                .update();
        if (n == 1 && writeGrant) {
            columns("project_granted_column", p.id(), p.grantedColumns());
        }
        return n == 1;
    }

    /** Records an appeal; the primary key refuses a second one (the lifecycle already does). */
    void insertAppeal(ProjectId id, Project.Appeal a) {
        jdbc.sql("""
                insert into project_appeal (project_id, grounds, appealed_by, appealed_at, rejected_by, rejected_at, rejection_reason)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id.value(), a.grounds(), a.by(), ts(a.at()), a.rejection().by(), ts(a.rejection().at()),
                        a.rejection().reason())
                .update();
    }

    private Optional<Project.Appeal> appeal(ProjectId id) {
        return jdbc.sql("select * from project_appeal where project_id = ?").param(id.value())
                .query((rs, n) -> new Project.Appeal(rs.getString("appealed_by"), instant(rs, "appealed_at"), rs.getString("grounds"),
                        new Project.Decision(rs.getString("rejected_by"), instant(rs, "rejected_at"), rs.getString("rejection_reason"))))
                .optional();
    }

    Optional<Project> find(ProjectId id) {
        return jdbc.sql("select * from project where id = ?").param(id.value()).query((rs, n) -> row(rs)).optional();
    }

    /** Locks the row for the rest of the transaction (transitions), then loads it. */
    Optional<Project> lock(ProjectId id) {
        return jdbc.sql("select * from project where id = ? for update").param(id.value()).query((rs, n) -> row(rs)).optional();
    }

    List<Project> forMember(String username) {
        return jdbc.sql("""
                select p.* from project p join project_member m on m.project_id = p.id
                where m.username = ? order by p.created_at""").param(username).query((rs, n) -> row(rs)).list();
    }

    List<Project> all() {
        return jdbc.sql("select * from project order by created_at").query((rs, n) -> row(rs)).list();
    }

    List<ProjectId> approvedUntilBefore(Instant t) {
        return jdbc.sql("select id from project where state = 'APPROVED' and valid_until <= ?").param(ts(t))
                .query((rs, n) -> new ProjectId(rs.getObject(1, UUID.class))).list();
    }

    private Project row(ResultSet rs) throws SQLException {
        ProjectId id = new ProjectId(rs.getObject("id", UUID.class));
        SortedSet<String> members = new TreeSet<>(jdbc.sql("select username from project_member where project_id = ?")
                .param(id.value()).query(String.class).list());
        Instant validFrom = instant(rs, "valid_from");
        return new Project(id, rs.getString("title"), rs.getString("purpose"), rs.getString("legal_basis"),
                rs.getString("author"), members,
                new Project.Window(instant(rs, "requested_from"), instant(rs, "requested_until")),
                columns("project_requested_column", id), instant(rs, "created_at"),
                ProjectState.valueOf(rs.getString("state")),
                validFrom == null ? null : new Project.Window(validFrom, instant(rs, "valid_until")),
                columns("project_granted_column", id),
                rs.getString("decided_by") == null ? null
                        : new Project.Decision(rs.getString("decided_by"), instant(rs, "decided_at"), rs.getString("decision_reason")),
                rs.getString("closed_by") == null ? null
                        : new Project.Decision(rs.getString("closed_by"), instant(rs, "closed_at"), rs.getString("closed_reason")))
                .withGovernance(rs.getString("institution"), instant(rs, "submitted_at"), appeal(id).orElse(null));
    }

    private SortedMap<DatasetId, SortedSet<String>> columns(String table, ProjectId id) {
        SortedMap<DatasetId, SortedSet<String>> out = new TreeMap<>();
        jdbc.sql("select dataset_id, column_name from " + table + " where project_id = ?").param(id.value())
                .query((rs, n) -> Map.entry(new DatasetId(rs.getObject(1, UUID.class)), rs.getString(2))).list()
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue()));
        return out;
    }
}
