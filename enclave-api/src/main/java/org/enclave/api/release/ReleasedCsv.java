package org.enclave.api.release;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.enclave.policies.Statistic;
import org.enclave.policies.check.CheckResult;
import org.enclave.policies.table.CellTable;

/**
 * A released table as CSV (RFC 4180, UTF-8, {@code \n} line ends), one row per cell in the table's
 * order: the dimensions (empty on a margin), {@code margin} ({@code true} for a total), the value
 * column, then {@code status}. A withheld cell (primary or secondary: the package does not say which,
 * since the reason would narrow what an attacker knows of it) has an empty value and status
 * {@code suppressed}; every other cell has its published value ({@link CheckResult#published}: rounded
 * when the policy rounds) and status {@code ok}.
 */
final class ReleasedCsv {

    private ReleasedCsv() {
    }

    /** The name of the value column: {@code count}, {@code sum_<measure>}, {@code max_<measure>}, ... */
    static String valueColumn(CellTable t) {
        return t.statistic() == Statistic.COUNT ? "count" : t.statistic().id() + "_" + t.measure();
    }

    static List<String> header(CellTable t) {
        List<String> header = new ArrayList<>(t.dimensions());
        header.add("margin");
        header.add(valueColumn(t));
        header.add("status");
        return header;
    }

    static byte[] write(CheckResult result) {
        CellTable t = result.table();
        StringBuilder out = new StringBuilder();
        line(out, header(t));
        for (int i = 0; i < t.size(); i++) {
            List<String> row = new ArrayList<>();
            boolean margin = false;
            for (String category : t.key(i)) {
                margin |= category == null;
                row.add(category == null ? "" : category);
            }
            row.add(Boolean.toString(margin));
            double v = result.published(i);
            boolean withheld = result.suppressed(i) || Double.isNaN(v);
            row.add(withheld ? "" : number(v, t.statistic()));
            row.add(withheld ? "suppressed" : "ok");
            line(out, row);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final java.math.MathContext SIGNIFICANT = new java.math.MathContext(12, java.math.RoundingMode.HALF_EVEN);

    static String number(double v, Statistic statistic) {
        if (statistic == Statistic.COUNT) {
            return Long.toString((long) v);
        }
        // Totals are sums of doubles: 12 significant digits drop the accumulation noise
        // (2528960.959999999 is written 2528960.96) and keep every digit a published total can honestly claim.
        return BigDecimal.valueOf(v).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String f = fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
        out.append('\n');
    }
}
