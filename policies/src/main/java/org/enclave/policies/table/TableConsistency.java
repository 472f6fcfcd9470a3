package org.enclave.policies.table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that a {@link CellTable} can be trusted before any rule looks at it.
 *
 * <ul>
 *   <li>Per cell: {@code rows >= units} (a unit has at least one row), {@code negatives <= units},
 *       {@code missing <= rows}; an empty cell ({@code units == 0}) has no rows, no total, no contributions;
 *       the largest contributions are sorted by absolute value, at most {@code units} of them; with no
 *       negative contribution the total and the contributions are {@code >= 0} and the listed
 *       contributions do not exceed the total (and equal it when every unit is listed).</li>
 *   <li>Keys are unique.</li>
 *   <li>Additive tables (count, sum): a cell with {@code null} in dimension {@code d} is the margin of
 *       the cells that agree with it elsewhere and hold a category in {@code d}. Its {@code rows} equal
 *       the sum of theirs exactly; its {@code total} equals the sum of theirs within a relative
 *       {@link #TOTAL_TOLERANCE}; its {@code units} lie between the largest child's and the children's sum
 *       (units are distinct persons: a person with rows in two cells counts once in the margin, so units
 *       are not additive). A margin with no child present must be empty.</li>
 * </ul>
 * Messages name the cell by index and key, never its figures.
 */
public final class TableConsistency {

    /** Relative tolerance on margin totals: |margin - sum| <= 1e-9 * max(1, |margin| + sum of |child totals|). */
    public static final double TOTAL_TOLERANCE = 1e-9;

    private TableConsistency() {
    }

    /**
     * @param source name used in messages
     * @throws TableFormatException at the first problem found
     */
    public static void check(CellTable t, String source) throws TableFormatException {
        if (t.isConsistent()) {
            return;
        }
        for (int i = 0; i < t.size(); i++) {
            checkCell(t, i, source);
        }
        Packer packer = Packer.of(t);
        Map<Object, Integer> seen = new HashMap<>(Math.max(16, t.size() * 2));
        for (int i = 0; i < t.size(); i++) {
            Integer before = seen.put(packer.key(t, i, -1), i);
            if (before != null) {
                throw new TableFormatException(source, at(t, i), "same key as cells[" + before + "]");
            }
        }
        if (t.statistic().additive() && t.hasMargins()) {
            for (int d = 0; d < t.dimensions().size(); d++) {
                checkMargins(t, d, packer, source);
            }
        }
        t.markConsistent();
    }

    private static void checkCell(CellTable t, int i, String source) throws TableFormatException {
        long units = t.units(i);
        long rows = t.rows(i);
        if (units < 0) {
            throw new TableFormatException(source, at(t, i) + ".units", "must not be negative");
        }
        if (rows < 0) {
            throw new TableFormatException(source, at(t, i) + ".rows", "must not be negative");
        }
        if (t.negatives(i) < 0 || t.missing(i) < 0) {
            throw new TableFormatException(source, at(t, i), "negatives and missing must not be negative");
        }
        if (rows < units) {
            throw new TableFormatException(source, at(t, i) + ".rows", "fewer rows than units (each unit has at least one row)");
        }
        if (t.negatives(i) > units) {
            throw new TableFormatException(source, at(t, i) + ".negatives", "more negative contributions than units");
        }
        if (t.missing(i) > rows) {
            throw new TableFormatException(source, at(t, i) + ".missing", "more missing contributions than rows");
        }
        int len = t.topLength(i);
        if (len > units) {
            throw new TableFormatException(source, at(t, i) + ".top", "more contributions listed than units");
        }
        for (int r = 1; r < len; r++) {
            if (t.topAbs(i, r) > t.topAbs(i, r - 1)) {
                throw new TableFormatException(source, at(t, i) + ".top", "not sorted by absolute value, largest first");
            }
        }
        if (units == 0 && (rows != 0 || t.total(i) != 0.0)) {
            throw new TableFormatException(source, at(t, i), "an empty cell (units 0) must have no rows and a zero total");
        }
        if (t.hasContributions() && t.negatives(i) == 0) {
            double total = t.total(i);
            if (total < 0) {
                throw new TableFormatException(source, at(t, i) + ".total", "negative total but no negative contribution");
            }
            double sum = 0;
            for (int r = 0; r < len; r++) {
                sum += t.topAbs(i, r);
            }
            double tol = TOTAL_TOLERANCE * Math.max(1.0, total + sum);
            if (sum > total + tol) {
                throw new TableFormatException(source, at(t, i) + ".top", "largest contributions add up to more than the total");
            }
            if (len == units && Math.abs(sum - total) > tol) {
                throw new TableFormatException(source, at(t, i) + ".top", "every unit is listed but the contributions do not add up to the total");
            }
        }
        if (t.statistic().extreme()) {
            long det = t.determiningUnits(i);
            if (det < 0 || det > units || (units > 0 && det == 0)) {
                throw new TableFormatException(source, at(t, i) + ".determiningUnits", "must be between 1 and units");
            }
        }
        if (t.statistic() == org.enclave.policies.Statistic.REGRESSION && t.dof(i) < 0) {
            throw new TableFormatException(source, at(t, i) + ".dof", "missing (residual degrees of freedom are required)");
        }
    }

    private static void checkMargins(CellTable t, int d, Packer packer, String source) throws TableFormatException {
        Map<Object, Acc> children = new HashMap<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.keyCode(i, d) != CellTable.MARGIN) {
                Acc acc = children.computeIfAbsent(packer.key(t, i, d), k -> new Acc());
                acc.count++;
                acc.rows += t.rows(i);
                acc.total += t.total(i);
                acc.absTotal += Math.abs(t.total(i));
                acc.unitsSum += t.units(i);
                acc.unitsMax = Math.max(acc.unitsMax, t.units(i));
            }
        }
        String dim = t.dimensions().get(d);
        for (int i = 0; i < t.size(); i++) {
            if (t.keyCode(i, d) != CellTable.MARGIN) {
                continue;
            }
            Acc acc = children.get(packer.key(t, i, -1));
            if (acc == null) {
                if (t.rows(i) != 0 || t.units(i) != 0 || t.total(i) != 0.0) {
                    throw new TableFormatException(source, at(t, i),
                            "margin over '" + dim + "' has no cells over '" + dim + "' in the table but is not empty");
                }
                continue;
            }
            String over = " of its " + acc.count + " cell" + (acc.count == 1 ? "" : "s") + " over '" + dim + "'";
            if (t.rows(i) != acc.rows) {
                throw new TableFormatException(source, at(t, i) + ".rows", "differs from the sum" + over);
            }
            if (t.hasContributions()) {
                double tol = TOTAL_TOLERANCE * Math.max(1.0, Math.abs(t.total(i)) + acc.absTotal);
                if (Math.abs(t.total(i) - acc.total) > tol) {
                    throw new TableFormatException(source, at(t, i) + ".total", "differs from the sum" + over);
                }
            }
            if (t.units(i) < acc.unitsMax || t.units(i) > acc.unitsSum) {
                throw new TableFormatException(source, at(t, i) + ".units",
                        "must lie between the largest and the sum of the units" + over);
            }
        }
    }

    /** {@code cells[i] (key [a, null])}: the place of a cell in messages. */
    public static String at(CellTable t, int i) {
        List<String> key = t.key(i);
        return "cells[" + i + "] " + keyText(key);
    }

    private static String keyText(List<String> key) {
        StringBuilder sb = new StringBuilder("(key [");
        for (int j = 0; j < key.size(); j++) {
            if (j > 0) {
                sb.append(", ");
            }
            sb.append(key.get(j) == null ? "null" : key.get(j));
        }
        return sb.append("])").toString();
    }

    private static final class Acc {
        int count;
        long rows;
        double total;
        double absTotal;
        long unitsSum;
        long unitsMax;
    }

    /**
     * Packs a key (optionally with one dimension replaced by a margin) into a {@code Long} using mixed
     * radix when it fits in 63 bits, else into a string.
     */
    private record Packer(long[] radix, boolean fits) {

        static Packer of(CellTable t) {
            int d = t.dimensions().size();
            long[] radix = new long[d];
            boolean fits = true;
            long product = 1;
            for (int j = 0; j < d; j++) {
                radix[j] = t.categoryCount(j) + 1L;
                try {
                    product = Math.multiplyExact(product, radix[j]);
                } catch (ArithmeticException e) {
                    fits = false;
                }
            }
            return new Packer(radix, fits);
        }

        Object key(CellTable t, int cell, int asMargin) {
            int d = radix.length;
            if (fits) {
                long k = 0;
                for (int j = 0; j < d; j++) {
                    int code = j == asMargin ? CellTable.MARGIN : t.keyCode(cell, j);
                    k = k * radix[j] + (code + 1);
                }
                return k;
            }
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < d; j++) {
                int code = j == asMargin ? CellTable.MARGIN : t.keyCode(cell, j);
                sb.append(code).append(',');
            }
            return sb.toString();
        }
    }
}
