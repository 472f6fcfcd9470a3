package org.enclave.compute.aggregate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A table as the disclosure rules see it, in the {@code policies} table format:
 * {@code {"dimensions":[...], "measure":"cost", "cells":[{"key":[...], "units":12, "rows":30,
 * "total":5400.0, "top":[2000.0,800.0], "negatives":0, "missing":0}, ...]}}; {@code measure},
 * {@code total}, {@code top}, {@code negatives} and {@code missing} are absent for a frequency table,
 * and a {@code null} in a key marks a margin.
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

    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode dims = root.putArray("dimensions");
        dimensions.forEach(dims::add);
        measure.ifPresent(m -> root.put("measure", m));
        ArrayNode cellsNode = root.putArray("cells");
        for (CellStatistics cell : cells) {
            ObjectNode c = cellsNode.addObject();
            ArrayNode key = c.putArray("key");
            cell.key().forEach(k -> {
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
