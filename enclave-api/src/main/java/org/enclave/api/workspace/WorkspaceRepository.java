package org.enclave.api.workspace;

import static org.enclave.api.platform.SqlTimes.ts;
import static org.enclave.api.platform.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.enclave.api.project.ProjectId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for workspaces. */
@Repository
class WorkspaceRepository {

    private final JdbcClient jdbc;

    WorkspaceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Workspace w) {
        jdbc.sql("insert into workspace (id, project_id, owner, state, opened_at, expires_at) values (?, ?, ?, ?, ?, ?)")
                .params(w.id().value(), w.projectId().value(), w.owner(), w.state().name(), ts(w.openedAt()), ts(w.expiresAt()))
                .update();
    }

    boolean update(Workspace w, WorkspaceState from) {
        return jdbc.sql("update workspace set state = ?, ended_at = ?, purged_at = ? where id = ? and state = ?")
                .params(w.state().name(), ts(w.endedAt()), ts(w.purgedAt()), w.id().value(), from.name())
                .update() == 1;
    }

    Optional<Workspace> find(WorkspaceId id) {
        return jdbc.sql("select * from workspace where id = ?").param(id.value()).query(WorkspaceRepository::row).optional();
    }

    Optional<Workspace> lock(WorkspaceId id) {
        return jdbc.sql("select * from workspace where id = ? for update").param(id.value()).query(WorkspaceRepository::row).optional();
    }

    List<Workspace> ownedBy(String owner) {
        return jdbc.sql("select * from workspace where owner = ? order by opened_at").param(owner).query(WorkspaceRepository::row).list();
    }

    List<WorkspaceId> openOf(ProjectId project) {
        return jdbc.sql("select id from workspace where project_id = ? and state = 'OPEN' for update").param(project.value())
                .query((rs, n) -> new WorkspaceId(rs.getObject(1, UUID.class))).list();
    }

    List<WorkspaceId> openExpiredBy(Instant now) {
        return jdbc.sql("select id from workspace where state = 'OPEN' and expires_at <= ?").param(ts(now))
                .query((rs, n) -> new WorkspaceId(rs.getObject(1, UUID.class))).list();
    }

    List<WorkspaceId> endedBefore(Instant cutoff) {
        return jdbc.sql("select id from workspace where state in ('CLOSED', 'EXPIRED') and ended_at <= ?").param(ts(cutoff))
                .query((rs, n) -> new WorkspaceId(rs.getObject(1, UUID.class))).list();
    }

    private static Workspace row(ResultSet rs, int n) throws SQLException {
        return new Workspace(new WorkspaceId(rs.getObject("id", UUID.class)), new ProjectId(rs.getObject("project_id", UUID.class)),
                rs.getString("owner"), WorkspaceState.valueOf(rs.getString("state")), instant(rs, "opened_at"),
                instant(rs, "expires_at"), instant(rs, "ended_at"), instant(rs, "purged_at"));
    }
}
