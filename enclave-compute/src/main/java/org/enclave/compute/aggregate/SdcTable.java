package org.enclave.compute.aggregate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.enclave.policies.Statistic;
import org.enclave.policies.table.Cell;
import org.enclave.policies.table.CellTable;

/**
 * A table as the disclosure rules see it, in the {@code policies} table format:
 * {@code {"dimensions":[...], "measure":"cost", "cells":[{"key":[...], "units":12, "rows":30,
 * "total":5400.0, "top":[2000.0,800.0], "negatives":0, "missing":0}, ...]}}; {@code measure},
 * {@code total}, {@code top}, {@code negatives} and {@code missing} are absent for a frequency table,
 * and a {@code null} in a key marks a margin. A table without group-by columns (one cell) is written
 * with the single dimension {@value AggregateEvaluation#ALL} and category {@value AggregateEvaluation#ALL},
 * since the format needs at least one dimension.
 *
 * @param dimensions the group-by columns
 * @param measure    the magnitude column, empty for a frequency table
 * @param cells      every cell, interior cells first, then margins
 */
public record SdcTable(List<String> dimensions, Optional<String> measure, List<CellStatistics> cells) {

    public SdcTable {
        dimensions = List.copyOf(dimensions);
        cells = List.copyOf(cells);
    }

    /**
     * The table as the {@code policies} module's columnar table, built cell by cell (no JSON round trip).
     *
     * @param statistic {@link Statistic#SUM} (needs a measure) or {@link Statistic#COUNT}; a count view of a
     *                  magnitude table drops the measure's figures (published value: the rows)
     */
    public CellTable toCellTable(Statistic statistic) {
        boolean sum = statistic == Statistic.SUM;
        if (sum && measure.isEmpty()) {
            throw new IllegalArgumentException("a frequency table has no sum view");
        }
        CellTable.Builder builder = CellTable.builder(policyDimensions(), sum ? measure.get() : null, statistic);
        for (CellStatistics c : cells) {
            List<String> key = policyKey(c);
            if (sum) {
                double[] top = c.top().stream().mapToDouble(Double::doubleValue).toArray();
                builder.add(Cell.magnitude(key, c.units(), c.rows(), c.total(), top)
                        .withContributionFlags(c.negatives(), c.missing()));
            } else {
                builder.add(Cell.count(key, c.units(), c.rows()));
            }
        }
        return builder.build();
    }

    private List<String> policyDimensions() {
        return dimensions.isEmpty() ? List.of(AggregateEvaluation.ALL) : dimensions;
    }

    private List<String> policyKey(CellStatistics cell) {
        return dimensions.isEmpty() ? List.of(AggregateEvaluation.ALL) : cell.key();
    }

    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode dims = root.putArray("dimensions");
        policyDimensions().forEach(dims::add);
        measure.ifPresent(m -> root.put("measure", m));
        ArrayNode cellsNode = root.putArray("cells");
        for (CellStatistics cell : cells) {
            ObjectNode c = cellsNode.addObject();
            ArrayNode key = c.putArray("key");
            policyKey(cell).forEach(k -> {
                if (k == null) {
                    key.addNull();
                } else {
                    key.add(k);
                }
            });
            c.put("units", cell.units());
            c.put("rows", cell.rows());
            if (measure.isPresent()) {
                c.put("total", cell.total());
                ArrayNode top = c.putArray("top");
                cell.top().forEach(top::add);
                c.put("negatives", cell.negatives());
                c.put("missing", cell.missing());
            }
        }
        return root;
    }
}
