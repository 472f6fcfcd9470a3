package org.enclave.api.catalogue;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for datasets, versions and columns. No UPDATE: versions are immutable (a trigger agrees). */
@Repository
class CatalogueRepository {

    private final JdbcClient jdbc;

    CatalogueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    void insert(Dataset d) {
        jdbc.sql("""
                insert into dataset (id, name, description, owner, sensitivity, licence, retention_days, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(d.id().value(), d.name(), d.description(), d.owner(), d.sensitivity().name(), d.licence(),
                        d.retentionDays(), d.createdBy(), ts(d.createdAt()))
                .update();
    }

    boolean nameTaken(String name) {
        return jdbc.sql("select count(*) from dataset where name = ?").param(name).query(Long.class).single() > 0;
    }

    List<Dataset> all() {
        return jdbc.sql("select * from dataset order by name").query(CatalogueRepository::dataset).list();
    }

    Optional<Dataset> find(DatasetId id) {
        return jdbc.sql("select * from dataset where id = ?").param(id.value()).query(CatalogueRepository::dataset).optional();
    }

    int nextVersionNumber(DatasetId id) {
        // Serialises concurrent registrations of the same dataset (row lock on the dataset).
        jdbc.sql("select id from dataset where id = ? for update").param(id.value()).query(UUID.class).single();
        return jdbc.sql("select coalesce(max(number), 0) + 1 from dataset_version where dataset_id = ?")
                .param(id.value()).query(Integer.class).single();
    }

    void insert(DatasetVersion v) {
        UUID versionId = UUID.randomUUID();
        jdbc.sql("""
                insert into dataset_version (id, dataset_id, number, location, manifest_sha256, rows_out, registered_by, registered_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(versionId, v.datasetId().value(), v.number(), v.location(), v.manifestSha256(), v.rows(),
                        v.registeredBy(), ts(v.registeredAt()))
                .update();
        int position = 0;
        for (ColumnSpec c : v.columns()) {
            jdbc.sql("""
                    insert into dataset_column (version_id, position, name, type, role, description, value_set)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(versionId, position++, c.name(), c.type(), c.role(), c.description(),
                            c.values() == null ? null : c.values().toArray(String[]::new))
                    .update();
        }
    }

    List<Integer> versionNumbers(DatasetId id) {
        return jdbc.sql("select number from dataset_version where dataset_id = ? order by number")
                .param(id.value()).query(Integer.class).list();
    }

    Optional<DatasetVersion> version(DatasetId id, int number) {
        return jdbc.sql("select * from dataset_version where dataset_id = ? and number = ?").params(id.value(), number)
                .query((rs, n) -> versionRow(rs)).optional();
    }

    Optional<DatasetVersion> latestVersion(DatasetId id) {
        return jdbc.sql("select * from dataset_version where dataset_id = ? order by number desc limit 1").param(id.value())
                .query((rs, n) -> versionRow(rs)).optional();
    }

    private DatasetVersion versionRow(ResultSet rs) throws SQLException {
        UUID versionId = rs.getObject("id", UUID.class);
        List<ColumnSpec> columns = jdbc.sql("select * from dataset_column where version_id = ? order by position")
                .param(versionId).query((c, n) -> new ColumnSpec(c.getString("name"), c.getString("type"),
                        c.getString("role"), c.getString("description"), values(c.getArray("value_set"))))
                .list();
        return new DatasetVersion(DatasetId.of(rs.getString("dataset_id")), rs.getInt("number"), rs.getString("location"),
                rs.getString("manifest_sha256"), rs.getLong("rows_out"), rs.getString("registered_by"),
                rs.getObject("registered_at", OffsetDateTime.class).toInstant(), columns);
    }

    private static List<String> values(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }

    private static Dataset dataset(ResultSet rs, int n) throws SQLException {
        return new Dataset(DatasetId.of(rs.getString("id")), rs.getString("name"), rs.getString("description"),
                rs.getString("owner"), Sensitivity.valueOf(rs.getString("sensitivity")), rs.getString("licence"),
                rs.getInt("retention_days"), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
