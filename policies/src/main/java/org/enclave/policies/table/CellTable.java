package org.enclave.policies.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.enclave.policies.Statistic;

/**
 * A table of cells in columnar form: one primitive array per statistic, so that the primary rules
 * read a million cells without allocating (see {@code PrimaryRules}).
 *
 * <p>Cells keep the order in which they were added (the table file's order); a cell is named by its
 * index. Keys are stored as category codes per dimension, {@link #MARGIN} marking a margin.
 * Largest contributions are stored as absolute values, {@link #topWidth()} slots per cell.
 *
 * <p>Instances are immutable once built. {@code toString} never shows cell figures.
 */
public final class CellTable {

    /** Key code of a margin (a {@code null} key entry). */
    public static final int MARGIN = -1;
    /** Most largest contributions a cell may carry. */
    public static final int MAX_TOP = 10;

    private final List<String> dimensions;
    private final String measure;
    private final Statistic statistic;
    private final int size;
    private final int[] keyCodes;
    private final String[][] categories;
    private final long[] units;
    private final long[] rows;
    private final double[] total;
    private final double[] value;
    private final int topWidth;
    private final double[] top;
    private final int[] topLength;
    private final long[] negatives;
    private final long[] missing;
    private final long[] determiningUnits;
    private final long[] dof;
    private final boolean hasMargins;
    /** Set once {@link TableConsistency} has passed this table, so the check runs once per table. */
    private volatile boolean consistent;

    private CellTable(Builder b) {
        this.dimensions = b.dimensions;
        this.measure = b.measure;
        this.statistic = b.statistic;
        this.size = b.size;
        int d = dimensions.size();
        this.keyCodes = Arrays.copyOf(b.keyCodes, size * d);
        this.categories = new String[d][];
        for (int i = 0; i < d; i++) {
            categories[i] = b.categoryLabels.get(i).toArray(new String[0]);
        }
        this.units = Arrays.copyOf(b.units, size);
        this.rows = Arrays.copyOf(b.rows, size);
        this.total = Arrays.copyOf(b.total, size);
        this.value = Arrays.copyOf(b.value, size);
        this.topWidth = b.topWidth;
        this.top = new double[size * topWidth];
        for (int i = 0; i < size; i++) {
            System.arraycopy(b.top, i * MAX_TOP, top, i * topWidth, topWidth);
        }
        this.topLength = Arrays.copyOf(b.topLength, size);
        this.negatives = Arrays.copyOf(b.negatives, size);
        this.missing = Arrays.copyOf(b.missing, size);
        this.determiningUnits = Arrays.copyOf(b.determiningUnits, size);
        this.dof = Arrays.copyOf(b.dof, size);
        boolean margins = false;
        for (int code : keyCodes) {
            if (code == MARGIN) {
                margins = true;
                break;
            }
        }
        this.hasMargins = margins;
    }

    /**
     * @param dimensions dimension names, at least one, unique
     * @param measure    the measure's name for a magnitude/extreme table, {@code null} for counts and regressions
     * @param statistic  what the cells hold
     */
    public static Builder builder(List<String> dimensions, String measure, Statistic statistic) {
        return new Builder(dimensions, measure, statistic);
    }

    /** A one-cell table, for questions about a single cell. */
    public static CellTable single(Statistic statistic, Cell cell) {
        List<String> dims = new ArrayList<>();
        for (int i = 0; i < cell.key().size(); i++) {
            dims.add("d" + i);
        }
        return builder(dims, statistic == Statistic.COUNT || statistic == Statistic.REGRESSION ? null : "measure", statistic)
                .add(cell).build();
    }

    public List<String> dimensions() {
        return dimensions;
    }

    /** @return the measure's name, or {@code null} for a frequency or regression table */
    public String measure() {
        return measure;
    }

    public Statistic statistic() {
        return statistic;
    }

    public int size() {
        return size;
    }

    /** Whether some key holds a margin, i.e. the table has additivity constraints. */
    public boolean hasMargins() {
        return hasMargins;
    }

    /** Whether cells carry a total and largest contributions (the dominance rules apply). */
    public boolean hasContributions() {
        return statistic == Statistic.SUM;
    }

    public long units(int cell) {
        return units[cell];
    }

    public long rows(int cell) {
        return rows[cell];
    }

    /** The cell total (sum tables); 0 otherwise. */
    public double total(int cell) {
        return total[cell];
    }

    /** The statistic of a min/max/percentile cell; 0 otherwise. */
    public double value(int cell) {
        return value[cell];
    }

    public int topWidth() {
        return topWidth;
    }

    /** How many largest contributions the cell carries. */
    public int topLength(int cell) {
        return topLength[cell];
    }

    /** The {@code rank}-th largest contribution's absolute value (rank 0 is the largest); 0 beyond {@link #topLength}. */
    public double topAbs(int cell, int rank) {
        return rank < topLength[cell] ? top[cell * topWidth + rank] : 0.0;
    }

    public long negatives(int cell) {
        return negatives[cell];
    }

    public long missing(int cell) {
        return missing[cell];
    }

    /** For extremes: distinct units holding exactly the published value; -1 when not given. */
    public long determiningUnits(int cell) {
        return determiningUnits[cell];
    }

    /** For regressions: residual degrees of freedom; -1 when not given. */
    public long dof(int cell) {
        return dof[cell];
    }

    /** Category code of a cell in a dimension, or {@link #MARGIN}. */
    public int keyCode(int cell, int dimension) {
        return keyCodes[cell * dimensions.size() + dimension];
    }

    /** Number of distinct categories of a dimension (margins excluded). */
    public int categoryCount(int dimension) {
        return categories[dimension].length;
    }

    /** The cell's key, {@code null} entries marking margins. */
    public List<String> key(int cell) {
        int d = dimensions.size();
        String[] key = new String[d];
        for (int j = 0; j < d; j++) {
            int code = keyCodes[cell * d + j];
            key[j] = code == MARGIN ? null : categories[j][code];
        }
        return Collections.unmodifiableList(Arrays.asList(key));
    }

    /**
     * The value that is published and that secondary suppression protects: the row count for frequency
     * tables, the total for sum tables, the statistic for extremes, 0 for regressions.
     */
    public double publishedValue(int cell) {
        return switch (statistic) {
            case COUNT -> rows[cell];
            case SUM -> total[cell];
            case MIN, MAX, PERCENTILE -> value[cell];
            case REGRESSION -> 0.0;
        };
    }

    /** Whether any cell has a negative contribution or a negative published value. */
    public boolean anyNegative() {
        for (int i = 0; i < size; i++) {
            if (negatives[i] > 0 || publishedValue(i) < 0) {
                return true;
            }
        }
        return false;
    }

    /** Reads cell {@code i} back as a {@link Cell}. */
    public Cell cell(int i) {
        double[] t = new double[topLength[i]];
        System.arraycopy(top, i * topWidth, t, 0, t.length);
        return new Cell(key(i), units[i], rows[i], statistic == Statistic.SUM ? total[i] : null, t, negatives[i], missing[i],
                statistic.extreme() ? value[i] : null, determiningUnits[i] < 0 ? null : determiningUnits[i],
                dof[i] < 0 ? null : dof[i]);
    }

    boolean isConsistent() {
        return consistent;
    }

    void markConsistent() {
        consistent = true;
    }

    @Override
    public String toString() {
        return "CellTable[" + statistic.id() + (measure == null ? "" : " of " + measure) + " by " + dimensions
                + ", " + size + " cells]";
    }

    /**
     * Collects cells. Checks only what the columnar layout needs (key length, top length); the table
     * file's rules are enforced by {@link TableReader} and {@link TableConsistency}.
     */
    public static final class Builder {
        private final List<String> dimensions;
        private final String measure;
        private final Statistic statistic;
        private final List<Map<String, Integer>> categoryCodes = new ArrayList<>();
        private final List<List<String>> categoryLabels = new ArrayList<>();
        private int size;
        private int[] keyCodes = new int[0];
        private long[] units = new long[16];
        private long[] rows = new long[16];
        private double[] total = new double[16];
        private double[] value = new double[16];
        private double[] top = new double[16 * MAX_TOP];
        private int[] topLength = new int[16];
        private long[] negatives = new long[16];
        private long[] missing = new long[16];
        private long[] determiningUnits = new long[16];
        private long[] dof = new long[16];
        private int topWidth;

        private Builder(List<String> dimensions, String measure, Statistic statistic) {
            Objects.requireNonNull(dimensions, "dimensions");
            Objects.requireNonNull(statistic, "statistic");
            if (dimensions.isEmpty()) {
                throw new IllegalArgumentException("a table needs at least one dimension");
            }
            this.dimensions = List.copyOf(dimensions);
            this.measure = measure;
            this.statistic = statistic;
            for (int i = 0; i < dimensions.size(); i++) {
                categoryCodes.add(new HashMap<>());
                categoryLabels.add(new ArrayList<>());
            }
            keyCodes = new int[16 * dimensions.size()];
        }

        public Builder add(Cell cell) {
            Objects.requireNonNull(cell, "cell");
            int d = dimensions.size();
            if (cell.key().size() != d) {
                throw new IllegalArgumentException("key has " + cell.key().size() + " entries, table has " + d + " dimensions");
            }
            double[] t = cell.top();
            if (t.length > MAX_TOP) {
                throw new IllegalArgumentException("at most " + MAX_TOP + " largest contributions per cell");
            }
            grow();
            int i = size;
            for (int j = 0; j < d; j++) {
                String label = cell.key().get(j);
                int code = MARGIN;
                if (label != null) {
                    Map<String, Integer> codes = categoryCodes.get(j);
                    Integer known = codes.get(label);
                    if (known == null) {
                        known = codes.size();
                        codes.put(label, known);
                        categoryLabels.get(j).add(label);
                    }
                    code = known;
                }
                keyCodes[i * d + j] = code;
            }
            units[i] = cell.units();
            rows[i] = cell.rows();
            total[i] = cell.total() == null ? 0.0 : cell.total();
            value[i] = cell.value() == null ? 0.0 : cell.value();
            for (int r = 0; r < t.length; r++) {
                top[i * MAX_TOP + r] = Math.abs(t[r]);
            }
            topLength[i] = t.length;
            topWidth = Math.max(topWidth, t.length);
            negatives[i] = cell.negatives();
            missing[i] = cell.missing();
            determiningUnits[i] = cell.determiningUnits() == null ? -1 : cell.determiningUnits();
            dof[i] = cell.dof() == null ? -1 : cell.dof();
            size++;
            return this;
        }

        private void grow() {
            if (size < units.length) {
                return;
            }
            int n = units.length * 2;
            keyCodes = Arrays.copyOf(keyCodes, n * dimensions.size());
            units = Arrays.copyOf(units, n);
            rows = Arrays.copyOf(rows, n);
            total = Arrays.copyOf(total, n);
            value = Arrays.copyOf(value, n);
            top = Arrays.copyOf(top, n * MAX_TOP);
            topLength = Arrays.copyOf(topLength, n);
            negatives = Arrays.copyOf(negatives, n);
            missing = Arrays.copyOf(missing, n);
            determiningUnits = Arrays.copyOf(determiningUnits, n);
            dof = Arrays.copyOf(dof, n);
        }

        public CellTable build() {
            return new CellTable(this);
        }
    }
}
