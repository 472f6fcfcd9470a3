package org.enclave.api.job;

import static org.enclave.api.platform.SqlTimes.ts;
import static org.enclave.api.platform.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.project.ProjectId;
import org.enclave.api.workspace.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** SQL for jobs. */
@Repository
class JobRepository {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    JobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Job j) {
        ArrayNode datasets = JSON.createArrayNode();
        j.datasets().forEach(d -> datasets.addObject().put("dataset", d.dataset().toString()).put("name", d.name())
                .put("version", d.version()));
        jdbc.sql("""
                insert into job (id, workspace_id, project_id, author, state, kind, sql, sql_sha256, output_spec, datasets,
                                 policy, limit_seconds, max_rows, submitted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?)""")
                .params(j.id().value(), j.workspaceId().value(), j.projectId().value(), j.author(), j.state().name(),
                        j.kind().name(), j.sql(), j.sqlSha256(), j.output(), JSON.writeValueAsString(datasets), j.policy(),
                        j.limitSeconds(), j.maxRows(), ts(j.submittedAt()))
                .update();
    }

    /** Saves the mutable part if the row is still in {@code from} (callers hold the row lock). */
    boolean update(Job j, JobState from) {
        JobError e = j.error();
        return jdbc.sql("""
                update job set state = ?, started_at = ?, finished_at = ?, process_id = ?, error_code = ?, error_message = ?,
                               error_line = ?, error_column = ?, rejected = ?, result_rows = ?, truncated = ?,
                               report = cast(? as jsonb)
                where id = ? and state = ?""")
                .params(j.state().name(), ts(j.startedAt()), ts(j.finishedAt()), j.processId(),
                        e == null ? null : e.code(), e == null ? null : e.message(), e == null ? null : e.line(),
                        e == null ? null : e.column(), e != null && e.rejected(), j.resultRows(), j.truncated(),
                        j.report(), j.id().value(), from.name())
                .update() == 1;
    }

    Optional<Job> find(JobId id) {
        return jdbc.sql("select * from job where id = ?").param(id.value()).query(JobRepository::row).optional();
    }

    Optional<Job> lock(JobId id) {
        return jdbc.sql("select * from job where id = ? for update").param(id.value()).query(JobRepository::row).optional();
    }

    List<Job> ofWorkspace(WorkspaceId workspace) {
        return jdbc.sql("select * from job where workspace_id = ? order by queue_seq").param(workspace.value())
                .query(JobRepository::row).list();
    }

    List<JobId> unfinishedOf(WorkspaceId workspace) {
        return jdbc.sql("select id from job where workspace_id = ? and state in ('QUEUED', 'RUNNING') order by queue_seq")
                .param(workspace.value()).query((rs, n) -> new JobId(rs.getObject(1, UUID.class))).list();
    }

    List<JobId> inState(JobState state) {
        return jdbc.sql("select id from job where state = ? order by queue_seq").param(state.name())
                .query((rs, n) -> new JobId(rs.getObject(1, UUID.class))).list();
    }

    private static Job row(ResultSet rs, int n) throws SQLException {
        List<DatasetUse> datasets = new ArrayList<>();
        for (JsonNode d : JSON.readTree(rs.getString("datasets"))) {
            datasets.add(new DatasetUse(DatasetId.of(d.path("dataset").asString()), d.path("name").asString(),
                    d.path("version").asInt()));
        }
        String code = rs.getString("error_code");
        JobError error = code == null ? null : new JobError(code, rs.getString("error_message"),
                (Integer) rs.getObject("error_line"), (Integer) rs.getObject("error_column"), rs.getBoolean("rejected"));
        return new Job(new JobId(rs.getObject("id", UUID.class)), new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                new ProjectId(rs.getObject("project_id", UUID.class)), rs.getString("author"),
                Job.Kind.valueOf(rs.getString("kind")), rs.getString("sql"), rs.getString("sql_sha256"),
                rs.getString("output_spec"), datasets, rs.getString("policy"), rs.getInt("limit_seconds"),
                rs.getInt("max_rows"), instant(rs, "submitted_at"), JobState.valueOf(rs.getString("state")),
                instant(rs, "started_at"), instant(rs, "finished_at"), error, (Long) rs.getObject("result_rows"),
                (Boolean) rs.getObject("truncated"), rs.getString("report"), (Long) rs.getObject("process_id"));
    }
}
