package org.enclave.api.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.enclave.api.support.LakeFixture;
import org.junit.jupiter.api.Test;

/** Dummy data follows the declared schema only: header, types, value sets; repeatable per version. */
class DummyDataTest {

    static DatasetVersion version() {
        return new DatasetVersion(DatasetId.random(), 1, "stays/v1", "0".repeat(64), 99, "sam", Instant.now(),
                List.of(LakeFixture.COLUMNS.get(0), LakeFixture.COLUMNS.get(1), LakeFixture.COLUMNS.get(3), LakeFixture.COLUMNS.get(4),
                        new ColumnSpec("admitted", "date", "attribute", "", null),
                        new ColumnSpec("note", "string", "attribute", "free, text \"quoted\"", null)));
    }

    @Test
    void followsTheSchema() {
        DatasetVersion v = version();
        String[] lines = DummyData.csv(v, 50).split("\r\n");
        assertThat(lines).hasSize(51);
        assertThat(lines[0]).isEqualTo("pid,age_band,stay_days,cost,admitted,note");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            assertThat(f[0]).matches("[0-9a-f]{64}");
            assertThat(f[1]).isIn("0-9", "10-19", "20-29", "30+");
            assertThat(Integer.parseInt(f[2])).isBetween(0, 999);
            assertThat(f[3]).matches("\\d+\\.\\d{2}");
            assertThat(LocalDate.parse(f[4])).isAfter(LocalDate.of(2014, 12, 31));
            assertThat(f[5]).isEqualTo("note_" + i);
        }
        assertThat(DummyData.csv(v, 50)).isEqualTo(DummyData.csv(v, 50));
    }
}
