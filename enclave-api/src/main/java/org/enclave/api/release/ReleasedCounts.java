package org.enclave.api.release;

import org.enclave.api.project.ProjectId;
import org.enclave.api.register.ReleaseCounts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The public register's release count: release requests of the project that reached RELEASED. */
@Component
class ReleasedCounts implements ReleaseCounts {

    private final JdbcTemplate jdbc;

    ReleasedCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long releasedCount(ProjectId project) {
        Long n = jdbc.queryForObject("select count(*) from release_request where project_id = ? and state = 'RELEASED'",
                Long.class, project.value());
        return n == null ? 0 : n;
    }
}
