package org.enclave.policies.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.enclave.policies.Reason;
import org.enclave.policies.check.CheckResult;
import org.enclave.policies.check.DisclosureCheck;
import org.enclave.policies.check.SecondarySuppressor;
import org.enclave.policies.policy.PolicyLoader;
import org.enclave.policies.suppression.CellInterval;
import org.enclave.policies.suppression.SuppressionResult;
import org.enclave.policies.table.CellTable;
import org.enclave.policies.table.TableReader;
import org.junit.jupiter.api.Test;

/** The record's shape (docs/sdc-record.md), on the bundled example with a fake suppression step. */
class SdcRecordTest {

    /** Suppresses primaries plus North F (0) and North M (1), audit bounds [0, 2e6]. */
    private static final SecondarySuppressor FAKE = input -> {
        int n = input.cellCount();
        boolean[] suppressed = input.primary().clone();
        boolean[] secondary = new boolean[n];
        java.util.List<CellInterval> intervals = new java.util.ArrayList<>();
        for (int s : new int[] {0, 1}) {
            suppressed[s] = true;
            secondary[s] = true;
        }
        for (int i = 0; i < n; i++) {
            if (suppressed[i]) {
                intervals.add(new CellInterval(i, input.values()[i], 0.0, i == 0 ? Double.POSITIVE_INFINITY : 2e6,
                        input.primary()[i], true));
            }
        }
        return new SuppressionResult(suppressed, secondary, intervals, true, 2, 330000.0);
    };

    private static JsonNode record() throws Exception {
        CellTable t = TableReader.read(Path.of("examples/hospital-costs.json"));
        CheckResult r = new DisclosureCheck(PolicyLoader.tier("standard"), FAKE).check(t, "hospital-costs.json");
        return new ObjectMapper().readTree(SdcRecordWriter.toJson(r));
    }

    @Test
    void topLevelShape() throws Exception {
        JsonNode rec = record();
        assertThat(rec.get("recordVersion").asInt()).isEqualTo(1);
        assertThat(rec.get("tool").get("name").asText()).isEqualTo("enclave-policies");
        assertThat(rec.get("tool").get("version").asText()).isNotBlank().doesNotContain("${");
        assertThat(rec.get("policy").get("name").asText()).isEqualTo("standard");
        assertThat(rec.get("policy").get("parameters").get("dominance").get("k").decimalValue()).isEqualByComparingTo("0.90");
        assertThat(rec.get("status").asText()).isEqualTo("pass");
        assertThat(rec.get("summary").asText()).isEqualTo("3 cells suppressed: threshold 1, nk-dominance 2, p-percent 1; 2 secondary");
        assertThat(rec.get("counts").get("primary").asInt()).isEqualTo(3);
        assertThat(rec.get("counts").get("secondary").asInt()).isEqualTo(2);
        assertThat(rec.get("counts").get("ok").asInt()).isEqualTo(7);
        assertThat(rec.get("counts").get("byReason").size()).isEqualTo(Reason.values().length);
        assertThat(rec.get("refusals").isArray()).isTrue();
        assertThat(rec.get("secondary").get("performed").asBoolean()).isTrue();
        assertThat(rec.get("secondary").get("cells").get(0).toString()).isEqualTo("[\"North\",\"F\"]");
        assertThat(rec.get("audit")).hasSize(5);
        assertThat(rec.get("audit").get(0).get("upper").isNull()).isTrue(); // unbounded
    }

    @Test
    void cellShape() throws Exception {
        JsonNode cells = record().get("cells");
        assertThat(cells).hasSize(12);
        JsonNode southF = cells.get(2);
        assertThat(southF.get("key").toString()).isEqualTo("[\"South\",\"F\"]");
        assertThat(southF.get("outcome").asText()).isEqualTo("primary");
        assertThat(southF.get("reasons").toString()).isEqualTo("[\"threshold\"]");
        assertThat(southF.get("published").isNull()).isTrue();
        JsonNode eastF = cells.get(4);
        assertThat(eastF.get("reasons").toString()).isEqualTo("[\"nk-dominance\",\"p-percent\"]");
        JsonNode grand = cells.get(11);
        assertThat(grand.get("key").toString()).isEqualTo("[null,null]");
        assertThat(grand.get("outcome").asText()).isEqualTo("ok");
        assertThat(grand.get("published").asDouble()).isEqualTo(681000.0);
        assertThat(cells.get(0).get("outcome").asText()).isEqualTo("secondary");
    }

    @Test
    void holdsNothingMoreDisclosiveThanThePublishedTable() throws Exception {
        String json = record().toString();
        // Suppressed totals and any contribution never appear.
        for (String secret : new String[] {"21000", "110000", "100000", "180000", "52000", "49000", "6000"}) {
            assertThat(json).doesNotContain(secret);
        }
    }
}
