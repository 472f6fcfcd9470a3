package org.enclave.policies.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.enclave.policies.Outcome;
import org.enclave.policies.Reason;
import org.enclave.policies.Statistic;
import org.enclave.policies.check.CheckResult;
import org.enclave.policies.check.Refusal;
import org.enclave.policies.policy.Policy;
import org.enclave.policies.suppression.CellInterval;
import org.enclave.policies.table.CellTable;

/**
 * The machine-readable SDC record of one check (docs/sdc-record.md). Field order is the JSON order.
 * IMPORTANT: {@link #RECORD_VERSION} changes whenever a field is renamed, removed or changes meaning.
 *
 * <p>The record holds what an output checker needs and nothing more disclosive than the published
 * table: no suppressed value, no contribution, no protection level.
 */
public record SdcRecord(int recordVersion, Tool tool, PolicyInfo policy, TableInfo table, String status, String summary,
                        Counts counts, List<Refusal> refusals, Secondary secondary, List<AuditInterval> audit,
                        List<CellRecord> cells) {

    public static final int RECORD_VERSION = 1;

    public record Tool(String name, String version) {
    }

    /** @param parameters the policy's parameters, in the layout of the policy YAML files */
    public record PolicyInfo(String name, Map<String, Object> parameters) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TableInfo(List<String> dimensions, String measure, String statistic, int cells, Rounding rounding) {
    }

    /** How published counts were rounded; absent when they were not. */
    public record Rounding(String method, int base, String totals) {
    }

    /** @param byReason cells carrying each reason (every reason listed, 0 included) */
    public record Counts(int cells, int ok, int primary, int secondary, int review, Map<String, Integer> byReason) {
    }

    /**
     * @param performed    whether secondary suppression ran
     * @param allProtected the audit found every primary cell protected ({@code null} if not performed)
     * @param cells        keys of the secondary suppressions
     */
    public record Secondary(boolean performed, Boolean allProtected, List<List<String>> cells) {
    }

    /**
     * The attacker's feasibility interval of one suppressed cell, as found by the audit.
     *
     * @param upper {@code null} when unbounded
     */
    public record AuditInterval(List<String> key, String outcome, double lower, Double upper, boolean meetsProtection) {
    }

    /** @param published the released value, {@code null} when the cell is withheld */
    public record CellRecord(List<String> key, String outcome, List<String> reasons, Number published) {
    }

    /** Builds the record of a check. */
    public static SdcRecord of(CheckResult result) {
        CellTable t = result.table();
        Policy p = result.policy();
        Map<String, Integer> byReason = new LinkedHashMap<>();
        for (Reason r : Reason.values()) {
            byReason.put(r.id(), result.count(r));
        }
        int n = result.size();
        List<CellRecord> cells = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> reasons = new ArrayList<>();
            for (Reason r : result.reasons(i)) {
                reasons.add(r.id());
            }
            double v = result.published(i);
            Number published = Double.isNaN(v) ? null : t.statistic() == Statistic.COUNT ? (Number) (long) v : (Number) v;
            cells.add(new CellRecord(t.key(i), result.outcome(i).id(), reasons, published));
        }
        List<List<String>> secondaryKeys = new ArrayList<>();
        for (int i : result.secondaryCells()) {
            secondaryKeys.add(t.key(i));
        }
        List<AuditInterval> audit = new ArrayList<>();
        if (result.suppression() != null && result.suppression().intervals() != null) {
            for (CellInterval c : result.suppression().intervals()) {
                audit.add(new AuditInterval(t.key(c.cell()), result.outcome(c.cell()).id(), c.lower(),
                        Double.isInfinite(c.upper()) ? null : c.upper(), c.meetsProtection()));
            }
        }
        Rounding rounding = null;
        if (t.statistic() == Statistic.COUNT && p.rounding().enabled()) {
            rounding = new Rounding(p.rounding().method().id(), p.rounding().base(), "independent");
        }
        int ok = 0;
        for (int i = 0; i < n; i++) {
            if (result.outcome(i) == Outcome.OK) {
                ok++;
            }
        }
        return new SdcRecord(RECORD_VERSION,
                new Tool(ToolVersion.NAME, ToolVersion.version()),
                new PolicyInfo(p.name(), parameters(p)),
                new TableInfo(t.dimensions(), t.measure(), t.statistic().id(), n, rounding),
                result.status().id(),
                result.summary(),
                new Counts(n, ok, result.primaryCount(), result.secondaryCount(), result.reviewCount(), byReason),
                result.refusals(),
                new Secondary(result.secondaryPerformed(),
                        result.secondaryPerformed() ? result.suppression().allProtected() : null, secondaryKeys),
                audit,
                cells);
    }

    /** The policy's parameters in the layout of the YAML files. */
    public static Map<String, Object> parameters(Policy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threshold", map("minUnits", p.threshold().minUnits(), "zerosDisclosive", p.threshold().zerosDisclosive()));
        m.put("dominance", map("n", p.dominance().n(), "k", p.dominance().k()));
        m.put("pPercent", map("p", p.pPercent().p()));
        m.put("review", map("negatives", p.review().negatives(), "missing", p.review().missing()));
        m.put("regression", map("minResidualDf", p.regression().minResidualDf()));
        m.put("extremes", map("allowed", p.extremes().allowed()));
        m.put("protection", map("frequencyRange", p.protection().frequencyRange(), "zeroRange", p.protection().zeroRange()));
        Map<String, Object> r = map("enabled", p.rounding().enabled(), "method", p.rounding().method().id());
        r.put("base", p.rounding().base());
        m.put("rounding", r);
        return m;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
