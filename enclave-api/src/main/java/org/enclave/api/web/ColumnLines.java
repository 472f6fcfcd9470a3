package org.enclave.api.web;

import java.util.List;
import org.enclave.api.catalogue.ColumnSpec;

/**
 * The version form's column list: one column per line, {@code name | type | role | description}
 * (description optional). {@code |} separates because Parquet types contain commas ({@code decimal(10,2)}).
 */
final class ColumnLines {

    private ColumnLines() {
    }

    /** Appends the parsed columns to {@code out}; returns a message for the first bad line, or null. */
    static String parse(String text, List<ColumnSpec> out) {
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            if (parts.length < 3 || parts.length > 4) {
                return "line " + (i + 1) + ": write name | type | role | description";
            }
            out.add(new ColumnSpec(parts[0].trim(), parts[1].trim(), parts[2].trim(),
                    parts.length == 4 ? parts[3].trim() : "", null));
        }
        return out.isEmpty() ? "declare at least one column" : null;
    }
}
