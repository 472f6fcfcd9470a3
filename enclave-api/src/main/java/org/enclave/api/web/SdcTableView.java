package org.enclave.api.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.enclave.policies.Outcome;
import org.enclave.policies.Reason;
import org.enclave.policies.check.CheckResult;
import org.enclave.policies.check.Refusal;
import org.enclave.policies.policy.Policy;
import org.enclave.policies.table.CellTable;

/**
 * A disclosure check's verdict laid out for the output checker (template fragment {@code portal/sdc}):
 * a two-dimensional table as a grid with its margins as "Total" row and column, any other table as a
 * list of cells. Each cell carries its computed value, what would be published, its outcome (ok,
 * primary, secondary) and its reasons in words with the policy's parameters. The release pages feed it
 * the {@link CheckResult} of each output; nothing here decides anything.
 */
public record SdcTableView(String title, String policy, String measure, String statistic, List<String> dimensions,
                           boolean grid, List<String> columnHeaders, List<GridRow> rows, List<CellView> cells,
                           String status, String summary, List<Refusal> refusals, int primary, int secondary, int review) {

    /** One cell. {@code label} names it in words ("North × F"); {@code reasons} is the tooltip text. */
    public record CellView(String label, List<String> key, String value, String published, String outcome,
                           boolean needsReview, List<String> reasonIds, String reasons, boolean present) {

        public boolean suppressed() {
            return "primary".equals(outcome) || "secondary".equals(outcome);
        }

        /** CSS classes: {@code sdc-primary}, {@code sdc-secondary}, {@code sdc-review}, {@code sdc-margin}. */
        public String css() {
            StringJoiner j = new StringJoiner(" ");
            j.add("sdc-cell").add("sdc-" + outcome);
            if (needsReview) {
                j.add("sdc-review");
            }
            if (key.contains(null)) {
                j.add("sdc-margin");
            }
            return j.toString();
        }

        /** The one-letter mark shown beside a suppressed or flagged value. */
        public String mark() {
            return switch (outcome) {
                case "primary" -> "P";
                case "secondary" -> "S";
                default -> needsReview ? "R" : "";
            };
        }
    }

    /** A grid row: its header (a category, or "Total") and one cell per column. */
    public record GridRow(String header, boolean margin, List<CellView> cells) {
    }

    static final String TOTAL = "Total";

    /** An id for the table's heading, unique on a page that shows several tables with different titles. */
    public String anchor() {
        return "sdc-" + title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** "sum of cost", or "count" for a frequency table (no measure). */
    public String describes() {
        return measure == null ? statistic : statistic + " of " + measure;
    }

    public static SdcTableView of(String title, CheckResult r) {
        CellTable t = r.table();
        Policy p = r.policy();
        List<CellView> cells = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            cells.add(cell(r, t, p, i));
        }
        boolean grid = t.dimensions().size() == 2;
        List<String> columns = new ArrayList<>();
        List<GridRow> rows = new ArrayList<>();
        if (grid) {
            List<String> rowKeys = categories(t, 0);
            List<String> colKeys = categories(t, 1);
            Map<List<String>, CellView> byKey = new HashMap<>();
            cells.forEach(c -> byKey.put(c.key(), c));
            colKeys.forEach(c -> columns.add(c == null ? TOTAL : c));
            for (String rk : rowKeys) {
                List<CellView> line = new ArrayList<>();
                for (String ck : colKeys) {
                    List<String> key = new ArrayList<>();
                    key.add(rk);
                    key.add(ck);
                    CellView c = byKey.get(key);
                    line.add(c != null ? c : new CellView(label(key), key, "", "", "absent", false, List.of(),
                            "not in the table", false));
                }
                rows.add(new GridRow(rk == null ? TOTAL : rk, rk == null, line));
            }
        }
        return new SdcTableView(title, p.name(), t.measure(), t.statistic().id(), t.dimensions(), grid, columns, rows, cells,
                r.status().id(), r.summary(), r.refusals(), r.primaryCount(), r.secondaryCount(), r.reviewCount());
    }

    /** Categories of a dimension in the table's order, the margin (null) last. */
    private static List<String> categories(CellTable t, int dimension) {
        LinkedHashMap<String, Boolean> seen = new LinkedHashMap<>();
        boolean margin = false;
        for (int i = 0; i < t.size(); i++) {
            String k = t.key(i).get(dimension);
            if (k == null) {
                margin = true;
            } else {
                seen.putIfAbsent(k, true);
            }
        }
        List<String> out = new ArrayList<>(seen.keySet());
        if (margin) {
            out.add(null);
        }
        return out;
    }

    private static CellView cell(CheckResult r, CellTable t, Policy p, int i) {
        Outcome outcome = r.outcome(i);
        Set<Reason> reasons = r.reasons(i);
        List<String> texts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Reason reason : reasons) {
            ids.add(reason.id());
            texts.add(describe(reason, p, t, i));
        }
        if (outcome == Outcome.SECONDARY) {
            ids.add("secondary");
            texts.add("Secondary suppression: withheld so that a primary cell cannot be worked out from the totals.");
        }
        if (texts.isEmpty()) {
            texts.add("Released: no rule applies.");
        }
        String prefix = switch (outcome) {
            case PRIMARY -> "Primary suppression. ";
            case SECONDARY -> "";
            case OK -> reasons.isEmpty() ? "" : "Released, for review. ";
        };
        double published = r.published(i);
        String value = Double.isNaN(t.publishedValue(i)) ? "—" : format(t.publishedValue(i));
        return new CellView(label(t.key(i)), t.key(i), value, Double.isNaN(published) ? "suppressed" : format(published),
                outcome.id(), !reasons.isEmpty() && outcome == Outcome.OK, ids, prefix + String.join(" ", texts), true);
    }

    static String describe(Reason reason, Policy p, CellTable t, int i) {
        return switch (reason) {
            case THRESHOLD -> "Threshold: " + t.units(i) + " units, fewer than the minimum of " + p.threshold().minUnits() + ".";
            case ZERO -> "Zero: an empty cell tells that nobody is in this group.";
            case NK_DOMINANCE -> "(" + p.dominance().n() + ", " + percent(p.dominance().k()) + ") dominance: the "
                    + p.dominance().n() + " largest contributors hold more than " + percent(p.dominance().k()) + " of the total.";
            case P_PERCENT -> "p% rule (p = " + percent(p.pPercent().p()) + "): the second largest contributor could estimate "
                    + "the largest to within " + percent(p.pPercent().p()) + ".";
            case DOF -> "Degrees of freedom: fewer than " + p.regression().minResidualDf() + " residual degrees of freedom.";
            case SINGLE_UNIT -> "Single unit: the value is determined by one person.";
            case NEGATIVE -> "Negative contributions: the dominance rules are only a screening here; a checker must look.";
            case MISSING -> "Missing contributions: the figure may not mean what it seems; a checker must look.";
        };
    }

    private static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static String label(List<String> key) {
        StringJoiner j = new StringJoiner(" × ");
        key.forEach(k -> j.add(k == null ? TOTAL : k));
        return j.toString();
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(java.util.Locale.ROOT, "%,d", (long) v)
                : String.format(java.util.Locale.ROOT, "%,.2f", v);
    }
}
