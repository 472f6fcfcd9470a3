package org.enclave.policies;

import java.util.Arrays;
import java.util.List;

import org.enclave.policies.table.Cell;
import org.enclave.policies.table.CellTable;

/** Small helpers to build tables in tests. */
public final class TestTables {

    private TestTables() {
    }

    public static List<String> key(String... parts) {
        return Arrays.asList(parts);
    }

    public static Cell count(long units, String... key) {
        return Cell.count(key(key), units, units);
    }

    public static Cell sum(long units, double total, double[] top, String... key) {
        return Cell.magnitude(key(key), units, units, total, top);
    }

    public static double[] top(double... values) {
        return values;
    }

    public static CellTable counts(List<String> dims, Cell... cells) {
        CellTable.Builder b = CellTable.builder(dims, null, Statistic.COUNT);
        for (Cell c : cells) {
            b.add(c);
        }
        return b.build();
    }

    public static CellTable sums(List<String> dims, Cell... cells) {
        CellTable.Builder b = CellTable.builder(dims, "cost", Statistic.SUM);
        for (Cell c : cells) {
            b.add(c);
        }
        return b.build();
    }

    /**
     * A 2x2 frequency table with margins: region {North, South} x sex {F, M}. {@code interior} is
     * [North F, North M, South F, South M]; margins are computed.
     */
    public static CellTable twoByTwoCounts(long nf, long nm, long sf, long sm) {
        return counts(List.of("region", "sex"),
                count(nf, "North", "F"), count(nm, "North", "M"), count(sf, "South", "F"), count(sm, "South", "M"),
                count(nf + nm, "North", null), count(sf + sm, "South", null),
                count(nf + sf, null, "F"), count(nm + sm, null, "M"),
                count(nf + nm + sf + sm, null, null));
    }
}
