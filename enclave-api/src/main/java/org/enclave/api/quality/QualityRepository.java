package org.enclave.api.quality;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.enclave.api.catalogue.DatasetId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Use counts (a read of the grant tables) and feedback. */
@Repository
class QualityRepository {

    private final JdbcClient jdbc;

    QualityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    long projectsInForce(DatasetId d, Instant now) {
        return jdbc.sql("""
                select count(distinct p.id) from project p join project_granted_column g on g.project_id = p.id
                where g.dataset_id = ? and p.state = 'APPROVED' and p.valid_from <= ? and p.valid_until > ?""")
                .params(d.value(), ts(now), ts(now)).query(Long.class).single();
    }

    long projectsEverGranted(DatasetId d) {
        return jdbc.sql("select count(distinct project_id) from project_granted_column where dataset_id = ?")
                .param(d.value()).query(Long.class).single();
    }

    void insert(Feedback f) {
        jdbc.sql("insert into dataset_feedback (id, dataset_id, version, author, rating, text, at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(f.id(), f.dataset().value(), f.version(), f.author(), f.rating(), f.text(), ts(f.at())).update();
    }

    int feedbackCount(DatasetId d, int version) {
        return jdbc.sql("select count(*) from dataset_feedback where dataset_id = ? and version = ?")
                .params(d.value(), version).query(Integer.class).single();
    }

    List<Feedback> feedback(DatasetId d, int version) {
        return jdbc.sql("select * from dataset_feedback where dataset_id = ? and version = ? order by at")
                .params(d.value(), version)
                .query((rs, n) -> new Feedback(rs.getObject("id", UUID.class), d, version, rs.getString("author"),
                        (Integer) rs.getObject("rating"), rs.getString("text"),
                        rs.getObject("at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
