package org.enclave.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enclave.api.job.Analysis;
import org.enclave.api.job.Job;
import org.enclave.api.job.JobId;
import org.enclave.api.job.JobResults;
import org.enclave.api.platform.DomainException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SQL editor's form as the API reads it, and where an API error lands in the form. */
class JobFormsTest {

    static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    @Test
    void anAggregateFormBecomesTheApiOutputSpec() {
        Analysis a = AnalysisForm.parse(form("sql", "SELECT pid, age, region, cost FROM t", "kind", "aggregate", "unit", "pid",
                "groupBy", " age, region ,", "count", "on", "sum", "cost", "margins", "on", "limitSeconds", "120"));
        assertThat(a.kind()).isEqualTo(Job.Kind.AGGREGATE);
        assertThat(a.limitSeconds()).isEqualTo(120);
        assertThat(a.output().toString()).isEqualTo("{\"kind\":\"aggregate\",\"unit\":\"pid\",\"groupBy\":[\"age\",\"region\"],"
                + "\"measures\":[{\"fn\":\"count\"},{\"fn\":\"sum\",\"column\":\"cost\"}],\"margins\":true}");
    }

    @Test
    void aRowsFormIgnoresTheAggregateFields() {
        Analysis a = AnalysisForm.parse(form("sql", "SELECT age FROM t", "kind", "rows", "unit", "pid", "groupBy", "age", "count", "on"));
        assertThat(a.kind()).isEqualTo(Job.Kind.ROWS);
        assertThat(a.output().toString()).isEqualTo("{\"kind\":\"rows\"}");
        assertThat(a.limitSeconds()).isNull();
    }

    @Test
    void theApisRefusalsNameTheEditorsFields() {
        assertThatThrownBy(() -> AnalysisForm.parse(form("sql", " ", "kind", "rows")))
                .isInstanceOfSatisfying(DomainException.Invalid.class, e -> assertThat(JobPages.field(e.field())).isEqualTo("sql"));
        assertThatThrownBy(() -> AnalysisForm.parse(form("sql", "SELECT 1", "kind", "aggregate", "unit", "pid")))
                .isInstanceOfSatisfying(DomainException.Invalid.class, e -> assertThat(JobPages.field(e.field())).isEqualTo("measures"));
        assertThatThrownBy(() -> AnalysisForm.parse(form("sql", "SELECT 1", "kind", "aggregate", "unit", "pid", "groupBy", "a b",
                "count", "on"))).isInstanceOfSatisfying(DomainException.Invalid.class,
                e -> assertThat(JobPages.field(e.field())).isEqualTo("groupBy"));
        assertThatThrownBy(() -> AnalysisForm.parse(form("sql", "SELECT 1", "kind", "aggregate", "unit", "pid", "sum", "1x")))
                .isInstanceOfSatisfying(DomainException.Invalid.class, e -> assertThat(JobPages.field(e.field())).isEqualTo("sum"));
        assertThatThrownBy(() -> AnalysisForm.parse(form("sql", "SELECT 1", "kind", "rows", "limitSeconds", "soon")))
                .isInstanceOfSatisfying(DomainException.Invalid.class,
                        e -> assertThat(JobPages.field(e.field())).isEqualTo("limitSeconds"));
        assertThat(JobPages.field("output.kind")).isEqualTo("kind");
        assertThat(JobPages.field(null)).isEqualTo("form");
    }

    @Test
    void aPageOfRowsIsTextWithItsNeighbours() {
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> columns = List.of(json.readTree("{\"name\":\"pid\"}"), json.readTree("{\"name\":\"age\"}"));
        List<JsonNode> rows = List.of(json.readTree("[\"ab12\", \"30-39\"]"), json.readTree("[\"cd34\", null]"));
        JobPages.RowsView middle = JobPages.rows(new JobResults.RowsPage(JobId.random(), columns, 50, rows, 120, true));
        assertThat(middle.columns()).containsExactly("pid", "age");
        assertThat(middle.rows()).containsExactly(List.of("ab12", "30-39"), List.of("cd34", ""));
        assertThat(middle.from()).isEqualTo(51);
        assertThat(middle.to()).isEqualTo(52);
        assertThat(middle.previous()).isEqualTo(0);
        assertThat(middle.next()).isEqualTo(52);
        assertThat(middle.truncated()).isTrue();
        JobPages.RowsView last = JobPages.rows(new JobResults.RowsPage(JobId.random(), columns, 118, rows, 120, false));
        assertThat(last.next()).isNull();
        JobPages.RowsView empty = JobPages.rows(new JobResults.RowsPage(JobId.random(), columns, 0, List.of(), 0, false));
        assertThat(empty.from()).isZero();
        assertThat(empty.previous()).isNull();
        assertThat(empty.next()).isNull();
    }
}
