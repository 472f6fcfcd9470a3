package org.enclave.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.catalogue.Sensitivity;
import org.enclave.api.platform.DomainException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The spec comes from the grant alone; the researcher's request carries only SQL and output. */
class JobSpecBuilderTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static Analysis analysis(String body) {
        return Analysis.parse(JSON.readTree(body));
    }

    static final Analysis AGG = analysis("""
            {"sql":"SELECT pid, region, cost FROM stays","output":{"kind":"aggregate","unit":"pid","groupBy":["region"],
             "measures":[{"fn":"count"},{"fn":"sum","column":"cost"}]}}""");

    @Test
    void grantedColumnsPlusCsnsStrictestPolicyLimitsAndFolder() {
        DatasetId a = DatasetId.random();
        DatasetId b = DatasetId.random();
        JobSpecBuilder.Built built = JobSpecBuilder.build(AGG, List.of(
                new JobSpecBuilder.GrantedTable(a, "stays", 3, Path.of("/lake/stays/v3"), List.of("csns", "age", "region", "cost", "secret"),
                        Set.of("region", "cost", "pid"), Sensitivity.MODERATE),
                new JobSpecBuilder.GrantedTable(b, "acts", 1, Path.of("/lake/acts/v1"), List.of("csns", "code"),
                        Set.of("code"), Sensitivity.HIGH)), 60, 500, Path.of("/ws/w1/jobs/j1"));
        ObjectNode spec = built.spec();
        assertThat(spec.get("specVersion").asInt()).isEqualTo(1);
        JsonNode tables = spec.get("tables");
        assertThat(tables.get(0).get("name").asString()).isEqualTo("acts");
        assertThat(tables.get(1).get("path").asString()).isEqualTo("/lake/stays/v3");
        assertThat(tables.get(1).get("columns").toString()).isEqualTo("[\"csns\",\"region\",\"cost\"]");
        assertThat(spec.get("policy").asString()).isEqualTo("health");
        assertThat(spec.get("limits").toString()).isEqualTo("{\"seconds\":60,\"maxRows\":500}");
        assertThat(spec.get("outputDir").asString()).isEqualTo("/ws/w1/jobs/j1");
        assertThat(spec.get("sql").asString()).isEqualTo(AGG.sql());
        assertThat(built.datasets()).containsExactly(new DatasetUse(b, "acts", 1), new DatasetUse(a, "stays", 3));
        assertThat(spec.toString()).doesNotContain("secret").doesNotContain("age");
    }

    @Test
    void policyTiersOrderOpenStandardHealth() {
        assertThat(JobSpecBuilder.Tier.of(Sensitivity.LOW).spelling()).isEqualTo("open");
        assertThat(JobSpecBuilder.Tier.of(Sensitivity.MODERATE).spelling()).isEqualTo("standard");
        assertThat(JobSpecBuilder.Tier.of(Sensitivity.VERY_HIGH).spelling()).isEqualTo("health");
        JobSpecBuilder.Built open = JobSpecBuilder.build(AGG, List.of(new JobSpecBuilder.GrantedTable(DatasetId.random(), "t",
                1, Path.of("/l"), List.of("csns"), Set.of(), Sensitivity.LOW)), 1, 1, Path.of("/o"));
        assertThat(open.policy()).isEqualTo("open");
    }

    @Test
    void aGrantWithNothingToReadIsRefused() {
        assertThatThrownBy(() -> JobSpecBuilder.build(AGG, List.of(), 1, 1, Path.of("/o")))
                .isInstanceOf(DomainException.Conflict.class);
    }

    @Test
    void theRequestNamesOnlySqlAndOutput() {
        for (String field : List.of("tables", "policy", "outputDir", "limits", "path", "specVersion")) {
            assertThatThrownBy(() -> analysis("{\"sql\":\"SELECT 1\",\"output\":{\"kind\":\"rows\"},\"" + field + "\":1}"))
                    .as(field).isInstanceOf(DomainException.Invalid.class).hasMessageContaining("grant");
        }
        assertThatThrownBy(() -> analysis("{\"sql\":\" \",\"output\":{\"kind\":\"rows\"}}")).isInstanceOf(DomainException.Invalid.class);
        assertThatThrownBy(() -> analysis("{\"sql\":\"SELECT 1\",\"output\":{\"kind\":\"rows\",\"path\":\"/x\"}}"))
                .isInstanceOf(DomainException.Invalid.class);
        assertThatThrownBy(() -> analysis("{\"sql\":\"SELECT 1\",\"output\":{\"kind\":\"aggregate\",\"unit\":\"pid\",\"measures\":[{\"fn\":\"max\"}]}}"))
                .isInstanceOf(DomainException.Invalid.class);
        assertThat(analysis("{\"sql\":\"SELECT 1\",\"output\":{\"kind\":\"rows\"},\"limitSeconds\":5}").limitSeconds()).isEqualTo(5);
        assertThat(AGG.kind()).isEqualTo(Job.Kind.AGGREGATE);
    }
}
