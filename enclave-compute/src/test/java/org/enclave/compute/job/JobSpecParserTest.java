package org.enclave.compute.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class JobSpecParserTest {

    static final String ISSUE_EXAMPLE = """
            {"specVersion": 1,
             "tables": [{"name": "stays", "path": "file:///lake/stays/v3", "columns": ["csns", "region", "age_band", "cost"]}],
             "sql": "SELECT s.pid, s.region, s.cost FROM stays s WHERE s.age_band >= 40",
             "output": {"kind": "aggregate", "unit": "pid", "groupBy": ["region"],
                        "measures": [{"fn": "count"}, {"fn": "sum", "column": "cost"}], "margins": true},
             "policy": "standard",
             "limits": {"seconds": 600, "maxRows": 10000},
             "outputDir": "/workspaces/w1/jobs/j1"}
            """;

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void parsesTheContractExample() {
        JobSpec spec = JobSpecParser.parse(ISSUE_EXAMPLE);
        assertThat(spec.specVersion()).isEqualTo(1);
        assertThat(spec.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("stays");
            assertThat(t.path()).isEqualTo("file:///lake/stays/v3");
            assertThat(t.visibleColumns()).containsExactly("pid", "region", "age_band", "cost");
        });
        assertThat(spec.output().kind()).isEqualTo(OutputSpec.Kind.AGGREGATE);
        assertThat(spec.output().unit()).isEqualTo("pid");
        assertThat(spec.output().groupBy()).containsExactly("region");
        assertThat(spec.output().measures()).extracting(MeasureSpec::outputName).containsExactly("count", "sum_cost");
        assertThat(spec.output().measureColumn()).contains("cost");
        assertThat(spec.output().margins()).isTrue();
        assertThat(spec.limits()).isEqualTo(new Limits(600, 10000));
        assertThat(spec.policy()).isEqualTo("standard");
    }

    @Test
    void rowsOutputNeedsOnlyItsKind() {
        JobSpec spec = JobSpecParser.parse(edit(s -> s.putObject("output").put("kind", "rows")));
        assertThat(spec.output().kind()).isEqualTo(OutputSpec.Kind.ROWS);
    }

    @Test
    void eachFieldIsCheckedAndNamed() {
        invalid(s -> s.put("specVersion", 2), "specVersion");
        invalid(s -> s.remove("specVersion"), "specVersion");
        invalid(s -> s.putArray("tables"), "tables");
        invalid(s -> table(s).put("name", "bad name"), "tables[0].name");
        invalid(s -> table(s).put("name", "csns"), "tables[0].name");
        invalid(s -> table(s).remove("path"), "tables[0].path");
        invalid(s -> table(s).putArray("columns"), "tables[0].columns");
        invalid(s -> table(s).putArray("columns").add("region").add("pid"), "tables[0].columns[1]");
        invalid(s -> table(s).putArray("columns").add("region").add("REGION"), "tables[0].columns[1]");
        invalid(s -> table(s).putArray("columns").add("x`y"), "tables[0].columns[0]");
        invalid(s -> s.withArray("tables").addObject().put("name", "stays").put("path", "/x").putArray("columns").add("a"),
                "tables[1].name");
        invalid(s -> s.put("sql", " "), "sql");
        invalid(s -> output(s).put("kind", "table"), "output.kind");
        invalid(s -> output(s).remove("unit"), "output.unit");
        invalid(s -> output(s).putArray("groupBy").add("region").add("pid"), "output.groupBy");
        invalid(s -> output(s).putArray("measures"), "output.measures");
        invalid(s -> output(s).putArray("measures").addObject().put("fn", "median").put("column", "cost"), "output.measures[0].fn");
        invalid(s -> output(s).putArray("measures").addObject().put("fn", "sum"), "output.measures[0].column");
        invalid(s -> output(s).putArray("measures").addObject().put("fn", "count").put("column", "cost"), "output.measures[0].column");
        invalid(s -> {
            var m = output(s).putArray("measures");
            m.addObject().put("fn", "sum").put("column", "cost");
            m.addObject().put("fn", "mean").put("column", "los");
        }, "output.measures[1].column");
        invalid(s -> output(s).put("margins", "yes"), "output.margins");
        invalid(s -> s.put("policy", ""), "policy");
        invalid(s -> s.remove("limits"), "limits");
        invalid(s -> ((ObjectNode) s.get("limits")).put("seconds", 0), "limits.seconds");
        invalid(s -> ((ObjectNode) s.get("limits")).put("maxRows", 1.5), "limits.maxRows");
        invalid(s -> s.remove("outputDir"), "outputDir");
    }

    @Test
    void rowsOutputRefusesAggregateFields() {
        invalid(s -> s.putObject("output").put("kind", "rows").put("unit", "pid"), "output.unit");
    }

    @Test
    void unknownFieldsAreRefused() {
        invalid(s -> s.put("maxrows", 5), "maxrows");
        invalid(s -> ((ObjectNode) s.get("limits")).put("secs", 5), "limits.secs");
    }

    @Test
    void keyMaterialNeverTravelsInASpec() {
        assertThatThrownBy(() -> JobSpecParser.parse(edit(s -> s.put("projectKey", "AAAA"))))
                .isInstanceOf(SpecInvalid.class)
                .hasMessageContaining("key material never travels in a spec")
                .hasMessageNotContaining("AAAA");
    }

    @Test
    void malformedJsonAndDuplicateFields() {
        assertThatThrownBy(() -> JobSpecParser.parse("{")).isInstanceOf(SpecInvalid.class).hasMessageStartingWith("$");
        assertThatThrownBy(() -> JobSpecParser.parse("[]")).isInstanceOf(SpecInvalid.class);
        assertThatThrownBy(() -> JobSpecParser.parse("{\"sql\":\"a\",\"sql\":\"b\"}")).isInstanceOf(SpecInvalid.class);
    }

    private static ObjectNode table(ObjectNode spec) {
        return (ObjectNode) spec.get("tables").get(0);
    }

    private static ObjectNode output(ObjectNode spec) {
        return (ObjectNode) spec.get("output");
    }

    private static String edit(Consumer<ObjectNode> change) {
        try {
            ObjectNode spec = (ObjectNode) JSON.readTree(ISSUE_EXAMPLE);
            change.accept(spec);
            return JSON.writeValueAsString(spec);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void invalid(Consumer<ObjectNode> change, String field) {
        String json = edit(change);
        assertThatThrownBy(() -> JobSpecParser.parse(json)).as(json)
                .isInstanceOfSatisfying(SpecInvalid.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void listsAreImmutable() {
        JobSpec spec = JobSpecParser.parse(ISSUE_EXAMPLE);
        assertThatThrownBy(() -> spec.tables().add(new TableSpec("x", "/x", List.of("a")))).isInstanceOf(UnsupportedOperationException.class);
    }
}
