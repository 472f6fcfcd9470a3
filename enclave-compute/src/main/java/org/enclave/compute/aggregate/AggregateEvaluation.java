package org.enclave.compute.aggregate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enclave.compute.job.JobFailure;
import org.enclave.compute.job.JobStatus;
import org.enclave.compute.job.MeasureSpec;
import org.enclave.compute.job.OutputSpec;
import org.enclave.policies.Outcome;
import org.enclave.policies.Statistic;
import org.enclave.policies.TableStatus;
import org.enclave.policies.check.CheckResult;
import org.enclave.policies.check.DisclosureCheck;
import org.enclave.policies.policy.Policy;
import org.enclave.policies.policy.PolicyConfigException;
import org.enclave.policies.policy.PolicyLoader;
import org.enclave.policies.record.SdcRecordWriter;
import org.enclave.policies.table.CellTable;
import org.enclave.policies.table.TableFormatException;

/**
 * The disclosure check of an aggregate job: the one call site of the {@code policies} module in compute.
 *
 * <p>An aggregate output may publish two additive statistics per cell: the row count ({@code count},
 * and implicitly {@code mean}, since sum / mean gives the count back) and the sum of the measure
 * ({@code sum}, {@code mean}). Each published statistic is checked as its own table under the policy:
 * the <b>sum</b> check when the output has a measure, the <b>count</b> check when it publishes a count
 * or a mean (or has no measure at all). A cell is withheld when either check withholds it (primary or
 * secondary). Withholding more cells than one check asked for never narrows an attacker's intervals
 * (fewer published values, fewer constraints), so each check's protection still holds for the union.
 * The verdict is the worst of the checks ({@code fail} over {@code review} over {@code pass}).
 *
 * <p>Published values come from the checks ({@link CheckResult#published}): counts rounded when the
 * policy rounds them, totals as computed. When counts are rounded, means are withheld for every cell:
 * an exact sum divided by an exact mean would give the exact count back.
 */
public final class AggregateEvaluation {

    /** Stand-in dimension of a table without group-by columns: the policies format needs one dimension. */
    public static final String ALL = "(all)";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Policy policy;
    private final SdcTable table;
    private final CheckResult sum;
    private final CheckResult count;
    private final TableStatus status;

    private AggregateEvaluation(Policy policy, SdcTable table, CheckResult sum, CheckResult count) {
        this.policy = policy;
        this.table = table;
        this.sum = sum;
        this.count = count;
        TableStatus worst = TableStatus.PASS;
        for (CheckResult r : checks()) {
            if (r.status().ordinal() > worst.ordinal()) {
                worst = r.status();
            }
        }
        this.status = worst;
    }

    /**
     * Loads a shipped policy tier by name. Only tiers: a job spec never names a policy file.
     *
     * @throws JobFailure {@code unknown-policy} (status failed) for a name that is not a tier
     */
    public static Policy policy(String name) {
        try {
            Policy policy = PolicyLoader.tier(name);
            if (policy.dominance().n() > EnclaveAggregator.TOP) {
                throw new JobFailure(JobStatus.FAILED, "unknown-policy", "policy " + name + " needs the "
                        + policy.dominance().n() + " largest contributions; the enclave computes " + EnclaveAggregator.TOP, null);
            }
            return policy;
        } catch (PolicyConfigException e) {
            throw new JobFailure(JobStatus.FAILED, "unknown-policy", e.getMessage(), e);
        }
    }

    /**
     * Starts, on a daemon thread, one disclosure check of a tiny made-up table (a primary cell and a
     * margin, so secondary suppression and its LP run too): the policies classes, the LP solver and the
     * record writer are loaded and warmed while Spark starts and reads, instead of after (about 1.5 s
     * of a small job's wall time on this machine). It sees no data; its result is dropped.
     */
    public static void warmUp(Policy policy) {
        Thread thread = new Thread(() -> {
            try {
                CellTable tiny = CellTable.builder(List.of("d"), null, Statistic.COUNT)
                        .add(org.enclave.policies.table.Cell.count(java.util.Arrays.asList("a"), 1, 1))
                        .add(org.enclave.policies.table.Cell.count(java.util.Arrays.asList("b"), 50, 50))
                        .add(org.enclave.policies.table.Cell.count(java.util.Arrays.asList("c"), 60, 60))
                        .add(org.enclave.policies.table.Cell.count(java.util.Arrays.asList((String) null), 111, 111))
                        .build();
                SdcRecordWriter.toJson(new DisclosureCheck(policy).check(tiny, "warm-up"));
            } catch (Exception | LinkageError e) {
                // Only a warm-up: the real check runs, and reports, later.
            }
        }, "enclave-policies-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs the disclosure checks the output needs.
     *
     * @throws IllegalStateException if the table is not consistent: the enclave computed it, so that is a bug
     */
    public static AggregateEvaluation evaluate(Policy policy, SdcTable table, OutputSpec output) {
        boolean magnitude = table.measure().isPresent();
        boolean counts = !magnitude || output.measures().stream()
                .anyMatch(m -> m.fn() == MeasureSpec.Fn.COUNT || m.fn() == MeasureSpec.Fn.MEAN);
        CheckResult sum = magnitude ? check(policy, table.toCellTable(Statistic.SUM)) : null;
        CheckResult count = counts ? check(policy, table.toCellTable(Statistic.COUNT)) : null;
        return new AggregateEvaluation(policy, table, sum, count);
    }

    private static CheckResult check(Policy policy, CellTable cells) {
        try {
            return new DisclosureCheck(policy).check(cells, "aggregate");
        } catch (TableFormatException e) {
            throw new IllegalStateException("bug: the enclave computed an inconsistent table: " + e.getMessage(), e);
        }
    }

    public TableStatus status() {
        return status;
    }

    /** Whether the cell (index in {@link SdcTable#cells()}) is withheld by any check. */
    public boolean withheld(int cell) {
        for (CheckResult r : checks()) {
            if (r.suppressed(cell)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ok}, {@code primary} (a rule applies to the cell itself in some check) or {@code secondary}. */
    public Outcome outcome(int cell) {
        Outcome worst = Outcome.OK;
        for (CheckResult r : checks()) {
            if (r.outcome(cell) == Outcome.PRIMARY) {
                return Outcome.PRIMARY;
            }
            if (r.outcome(cell) == Outcome.SECONDARY) {
                worst = Outcome.SECONDARY;
            }
        }
        return worst;
    }

    /** Number of withheld cells. */
    public int withheldCount() {
        int n = 0;
        for (int i = 0; i < table.cells().size(); i++) {
            if (withheld(i)) {
                n++;
            }
        }
        return n;
    }

    /** Whether a measure of a cell is withheld: the cell is, or it is a mean and counts are rounded. */
    public boolean withheld(int cell, MeasureSpec measure) {
        return withheld(cell) || (measure.fn() == MeasureSpec.Fn.MEAN && countsRounded());
    }

    /**
     * The released value of a measure in a cell: the count as published by the count check (rounded when
     * the policy rounds), the total as published by the sum check, the mean as that total over the cell's
     * non-null values ({@code null} when there is none).
     *
     * @throws IllegalStateException if the value is {@linkplain #withheld(int, MeasureSpec) withheld}
     */
    public Number released(int cell, MeasureSpec measure) {
        if (withheld(cell, measure)) {
            throw new IllegalStateException("bug: asked for a withheld value");
        }
        CellStatistics c = table.cells().get(cell);
        return switch (measure.fn()) {
            case COUNT -> (long) count.published(cell);
            case SUM -> sum.published(cell);
            case MEAN -> c.valued() == 0 ? null : sum.published(cell) / c.valued();
        };
    }

    /** Whether the policy rounds the published counts. */
    public boolean countsRounded() {
        return count != null && policy.rounding().enabled();
    }

    /**
     * {@code {"status", "summary", "withheld", "records": {"sum": <SDC record>, "count": <SDC record>}}}:
     * the SDC records exactly as {@code policies} writes them (docs/sdc-record.md).
     */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("status", status.id());
        List<String> summaries = new ArrayList<>();
        Map<String, CheckResult> records = new LinkedHashMap<>();
        if (sum != null) {
            records.put("sum", sum);
        }
        if (count != null) {
            records.put("count", count);
        }
        records.forEach((name, r) -> summaries.add(name + ": " + r.summary()));
        root.put("summary", String.join(" | ", summaries));
        root.put("withheld", withheldCount());
        root.put("countsRounded", countsRounded());
        ObjectNode recordNode = root.putObject("records");
        records.forEach((name, r) -> {
            try {
                recordNode.set(name, JSON.readTree(SdcRecordWriter.toJson(r)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("bug: an SDC record is not valid JSON", e);
            }
        });
        return root;
    }

    private List<CheckResult> checks() {
        List<CheckResult> list = new ArrayList<>(2);
        if (sum != null) {
            list.add(sum);
        }
        if (count != null) {
            list.add(count);
        }
        return list;
    }
}
