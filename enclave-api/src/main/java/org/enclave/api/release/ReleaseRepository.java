package org.enclave.api.release;

import static org.enclave.api.platform.SqlTimes.ts;
import static org.enclave.api.platform.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.enclave.api.project.ProjectId;
import org.enclave.api.release.differencing.DifferencingFlag;
import org.enclave.api.release.differencing.PublishedTable;
import org.enclave.api.workspace.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for release requests, their outputs, votes, comments and flags, and the ledger of released tables. */
@Repository
class ReleaseRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    /** A stored flag: the pair and the computed difference, with the round it was found in. */
    record StoredFlag(int round, DifferencingFlag flag) {
    }

    private final JdbcClient jdbc;

    ReleaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ReleaseRequest r) {
        jdbc.sql("""
                insert into release_request (id, project_id, workspace_id, author, state, round, context, controls, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id().value(), r.projectId().value(), r.workspaceId().value(), r.author(), r.state().name(), r.round(),
                        r.context(), r.controls(), ts(r.createdAt()))
                .update();
    }

    /** Writes the request's state and its outputs; the state moved from {@code from} (optimistic check). */
    boolean update(ReleaseRequest r, ReleaseState from) {
        int n = jdbc.sql("""
                update release_request set state = ?, round = ?, submitted_at = ?, released_at = ?
                where id = ? and state = ?""")
                .params(r.state().name(), r.round(), ts(r.submittedAt()), ts(r.releasedAt()), r.id().value(), from.name())
                .update();
        if (n != 1) {
            return false;
        }
        jdbc.sql("delete from release_output where release_id = ?").param(r.id().value()).update();
        for (ReleaseOutput o : r.outputs()) {
            jdbc.sql("""
                    insert into release_output (release_id, name, job_id, sql_sha256, datasets, policy, cell_table, compute_sdc,
                      verdict, summary, record, added_at)
                    values (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?)""")
                    .params(r.id().value(), o.name(), o.jobId(), o.sqlSha256(), JSON.writeValueAsString(o.datasets()), o.policy(),
                            o.cellTableJson(), o.computeSdcJson(), o.verdict(), o.summary(), o.recordJson(), ts(o.addedAt()))
                    .update();
        }
        return true;
    }

    void insertVote(ReleaseId id, Vote v) {
        jdbc.sql("insert into release_vote (release_id, round, checker, decision, reason, at) values (?, ?, ?, ?, ?, ?)")
                .params(id.value(), v.round(), v.checker(), v.decision().name(), v.reason(), ts(v.at())).update();
    }

    void setPackage(ReleaseId id, String sha256) {
        jdbc.sql("update release_request set package_sha256 = ? where id = ?").params(sha256, id.value()).update();
    }

    Optional<String> packageSha256(ReleaseId id) {
        return jdbc.sql("select package_sha256 from release_request where id = ?").param(id.value()).query(String.class).optional();
    }

    Optional<ReleaseRequest> find(ReleaseId id, Set<String> members) {
        return jdbc.sql("select * from release_request where id = ?").param(id.value()).query((rs, n) -> row(rs, members)).optional();
    }

    /** Locks the row for the rest of the transaction (transitions), then loads it. */
    Optional<ReleaseRequest> lock(ReleaseId id, Set<String> members) {
        return jdbc.sql("select * from release_request where id = ? for update").param(id.value())
                .query((rs, n) -> row(rs, members)).optional();
    }

    Optional<ProjectId> projectOf(ReleaseId id) {
        return jdbc.sql("select project_id from release_request where id = ?").param(id.value())
                .query((rs, n) -> new ProjectId(rs.getObject(1, UUID.class))).optional();
    }

    List<ReleaseId> byAuthor(String author) {
        return ids("select id from release_request where author = ? order by created_at", author);
    }

    /** Requests waiting for a vote (SUBMITTED or PARTIALLY_REVIEWED), oldest submission first. */
    List<ReleaseId> awaitingReview() {
        return ids("select id from release_request where state in ('SUBMITTED', 'PARTIALLY_REVIEWED') order by submitted_at");
    }

    private List<ReleaseId> ids(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query((rs, n) -> new ReleaseId(rs.getObject(1, UUID.class))).list();
    }

    void insertComment(ReleaseId id, Comment c) {
        jdbc.sql("insert into release_comment (release_id, author, visibility, text, at) values (?, ?, ?, ?, ?)")
                .params(id.value(), c.author(), c.visibility().name(), c.text(), ts(c.at())).update();
    }

    List<Comment> comments(ReleaseId id) {
        return jdbc.sql("select * from release_comment where release_id = ? order by id").param(id.value())
                .query((rs, n) -> new Comment(rs.getLong("id"), rs.getString("author"),
                        Comment.Visibility.valueOf(rs.getString("visibility")), rs.getString("text"), instant(rs, "at")))
                .list();
    }

    void insertFlag(ReleaseId id, int round, DifferencingFlag f) {
        jdbc.sql("""
                insert into release_flag (release_id, round, left_ref, right_ref, pattern, grp, units, value)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id.value(), round, f.left(), f.right(), f.pattern().id(), f.group(), f.units(), f.value()).update();
    }

    List<DifferencingFlag> flags(ReleaseId id, int round) {
        return jdbc.sql("select * from release_flag where release_id = ? and round = ? order by id").params(id.value(), round)
                .query((rs, n) -> new DifferencingFlag(rs.getString("left_ref"), rs.getString("right_ref"),
                        DifferencingFlag.Pattern.fromId(rs.getString("pattern")), rs.getString("grp"), rs.getLong("units"),
                        rs.getDouble("value")))
                .list();
    }

    void insertReleased(ReleaseId id, String output, ProjectId project, Instant at, PublishedTable table) {
        jdbc.sql("""
                insert into released_table (release_id, output_name, project_id, released_at, published)
                values (?, ?, ?, ?, cast(? as jsonb))""")
                .params(id.value(), output, project.value(), ts(at), JSON.writeValueAsString(table)).update();
    }

    List<PublishedTable> ledger(ProjectId project) {
        return jdbc.sql("select published from released_table where project_id = ? order by released_at, output_name")
                .param(project.value()).query((rs, n) -> JSON.readValue(rs.getString(1), PublishedTable.class)).list();
    }

    private ReleaseRequest row(ResultSet rs, Set<String> members) throws SQLException {
        ReleaseId id = new ReleaseId(rs.getObject("id", UUID.class));
        int round = rs.getInt("round");
        List<ReleaseOutput> outputs = jdbc.sql("select * from release_output where release_id = ? order by added_at, name")
                .param(id.value()).query((o, n) -> new ReleaseOutput(o.getString("name"), o.getObject("job_id", UUID.class),
                        o.getString("sql_sha256"), JSON.readValue(o.getString("datasets"), STRINGS), o.getString("policy"),
                        o.getString("cell_table"), o.getString("compute_sdc"), o.getString("verdict"), o.getString("summary"),
                        o.getString("record"), instant(o, "added_at")))
                .list();
        List<Vote> votes = jdbc.sql("select * from release_vote where release_id = ? and round = ? order by at, checker")
                .params(id.value(), round).query((v, n) -> new Vote(v.getInt("round"), v.getString("checker"),
                        Vote.Decision.valueOf(v.getString("decision")), v.getString("reason"), instant(v, "at")))
                .list();
        return new ReleaseRequest(id, new ProjectId(rs.getObject("project_id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)), rs.getString("author"), members,
                rs.getString("context"), rs.getString("controls"), instant(rs, "created_at"),
                ReleaseState.valueOf(rs.getString("state")), round, outputs, votes, instant(rs, "submitted_at"),
                instant(rs, "released_at"));
    }
}
