package org.enclave.api.governance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.enclave.api.project.ProjectId;
import org.enclave.api.project.ProjectState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for consultations. An opinion is written once (the update requires it to be null). */
@Repository
class ConsultationRepository {

    private final JdbcClient jdbc;

    ConsultationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Consultation c) {
        jdbc.sql("""
                insert into consultation (id, project_id, stage, kind, consultee, question, requested_by, requested_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.id().value(), c.project().value(), c.stage().name(), c.kind().name(), c.consultee(), c.question(),
                        c.requestedBy(), GovernanceRepository.ts(c.requestedAt()))
                .update();
    }

    boolean answer(Consultation c) {
        return jdbc.sql("update consultation set opinion = ?, answered_at = ? where id = ? and opinion is null")
                .params(c.opinion(), GovernanceRepository.ts(c.answeredAt()), c.id().value()).update() == 1;
    }

    Optional<Consultation> lock(ConsultationId id) {
        return jdbc.sql("select * from consultation where id = ? for update").param(id.value())
                .query(ConsultationRepository::row).optional();
    }

    List<Consultation> forProject(ProjectId id) {
        return jdbc.sql("select * from consultation where project_id = ? order by requested_at").param(id.value())
                .query(ConsultationRepository::row).list();
    }

    List<Consultation> forConsultee(String username) {
        return jdbc.sql("select * from consultation where consultee = ? order by requested_at").param(username)
                .query(ConsultationRepository::row).list();
    }

    /** The project's state, share-locked so that no decision commits while an opinion is being recorded. */
    ProjectState projectStateForShare(ProjectId id) {
        return ProjectState.valueOf(jdbc.sql("select state from project where id = ? for share").param(id.value())
                .query(String.class).single());
    }

    int countOpen(ProjectId id, ProjectState stage) {
        return jdbc.sql("select count(*) from consultation where project_id = ? and stage = ? and opinion is null")
                .params(id.value(), stage.name()).query(Integer.class).single();
    }

    private static Consultation row(ResultSet rs, int n) throws SQLException {
        return new Consultation(new ConsultationId(rs.getObject("id", UUID.class)), new ProjectId(rs.getObject("project_id", UUID.class)),
                ProjectState.valueOf(rs.getString("stage")), Consultation.Kind.valueOf(rs.getString("kind")),
                rs.getString("consultee"), rs.getString("question"), rs.getString("requested_by"),
                GovernanceRepository.instant(rs, "requested_at"), rs.getString("opinion"), GovernanceRepository.instant(rs, "answered_at"));
    }
}
