package org.enclave.compute.aggregate;

import java.util.Collections;
import java.util.List;

/**
 * What the disclosure rules need to know about one cell, computed by the enclave from the units
 * behind it.
 *
 * @param key       one entry per dimension; {@code null} marks a margin (total) over that dimension
 * @param units     distinct units in the cell
 * @param rows      rows of the SQL result in the cell
 * @param total     sum of the measure (nulls ignored), {@code null} for a frequency table
 * @param top       the two largest per-unit contributions by absolute value, largest first (fewer if
 *                  the cell has fewer units); empty for a frequency table
 * @param negatives units whose contribution (the sum of their rows in the cell) is negative
 * @param missing   rows whose measure is null
 */
public record CellStatistics(List<String> key, long units, long rows, Double total, List<Double> top,
                             long negatives, long missing) {

    public CellStatistics {
        key = Collections.unmodifiableList(new java.util.ArrayList<>(key)); // may hold nulls (margins)
        top = List.copyOf(top);
    }

    /** Rows with a non-null measure. */
    public long valued() {
        return rows - missing;
    }

    /** Whether the cell is a margin over at least one dimension. */
    public boolean isMargin() {
        return key.contains(null);
    }
}
