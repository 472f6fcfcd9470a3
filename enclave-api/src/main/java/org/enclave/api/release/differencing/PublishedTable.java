package org.enclave.api.release.differencing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;

/**
 * A table as it is (or would be) published, with what only the enclave knows about it: for each
 * published cell its distinct units and its true value. Suppressed cells are left out (nobody outside
 * sees them); the category sets include them (a margin sums over every category of its dimension).
 *
 * @param ref        how flags name the table (e.g. {@code this request: costs} or {@code release 3f2a..: costs})
 * @param dimensions dimension names, in key order
 * @param statistic  {@code count}, {@code sum}, ... (policies' statistic ids)
 * @param measure    the measure's name; {@code null} for counts
 * @param categories per dimension, every category the table has a cell for
 * @param cells      the published cells
 */
public record PublishedTable(String ref, List<String> dimensions, String statistic, String measure,
                             Map<String, SortedSet<String>> categories, List<PublishedCell> cells) {

    /**
     * @param key   one entry per dimension, {@code null} marking a margin
     * @param units distinct units behind the cell
     * @param value the true value that is published (before rounding): rows of a count, total of a sum
     */
    public record PublishedCell(List<String> key, long units, double value) {
    }

    public PublishedTable {
        Objects.requireNonNull(ref, "ref");
        dimensions = List.copyOf(dimensions);
        Objects.requireNonNull(statistic, "statistic");
        categories = Map.copyOf(categories);
        cells = List.copyOf(cells);
    }

    /** Whether differences of this table's cells add up (counts and sums); the detector skips the rest. */
    public boolean additive() {
        return statistic.equals("count") || statistic.equals("sum");
    }

    /** Same statistic of the same measure: the only tables whose values can be subtracted. */
    public boolean comparableWith(PublishedTable other) {
        return statistic.equals(other.statistic) && Objects.equals(measure, other.measure);
    }
}
