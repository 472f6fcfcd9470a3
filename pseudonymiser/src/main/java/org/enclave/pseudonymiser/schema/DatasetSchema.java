package org.enclave.pseudonymiser.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.enclave.pseudonymiser.schema.OutputColumn.OutputType;

/**
 * A validated column-role schema: the dataset name and every input column with its role. Build it with
 * {@link SchemaLoader}. Every input column must be declared here (no silent pass-through).
 */
public final class DatasetSchema {
    /** Name of the output column holding the CSNS. */
    public static final String CSNS_COLUMN = "csns";

    private final String dataset;
    private final List<ColumnSpec> columns;
    private final Map<String, ColumnSpec> byName = new HashMap<>();

    DatasetSchema(String dataset, List<ColumnSpec> columns) {
        this.dataset = dataset;
        this.columns = List.copyOf(columns);
        for (ColumnSpec c : columns) {
            byName.put(c.name(), c);
        }
    }

    public String dataset() {
        return dataset;
    }

    public List<ColumnSpec> columns() {
        return columns;
    }

    public ColumnSpec column(String name) {
        return byName.get(name);
    }

    /** The single {@code kind: nir} column. */
    public ColumnSpec nirColumn() {
        return columns.stream().filter(ColumnSpec::isNir).findFirst().orElseThrow();
    }

    /** Output columns: {@code csns} first, then kept columns in declaration order. */
    public List<OutputColumn> outputColumns() {
        List<OutputColumn> out = new ArrayList<>();
        ColumnSpec nir = nirColumn();
        out.add(new OutputColumn(CSNS_COLUMN, OutputType.CSNS, Role.IDENTIFIER, nir.name(), "csns", 0));
        for (ColumnSpec c : columns) {
            if (c.role() == Role.IDENTIFIER) {
                continue;
            }
            Generalisation g = c.generalise();
            OutputType t;
            if (g instanceof Generalisation.YearMonth || g instanceof Generalisation.Departement
                    || g instanceof Generalisation.Band) {
                t = OutputType.STRING;
            } else if (g instanceof Generalisation.Year) {
                t = OutputType.INT32;
            } else {
                t = switch (c.type()) {
                    case STRING -> OutputType.STRING;
                    case INT -> OutputType.INT32;
                    case LONG -> OutputType.INT64;
                    case DECIMAL -> OutputType.DECIMAL;
                    case DATE -> OutputType.DATE;
                };
            }
            out.add(new OutputColumn(c.name(), t, c.role(), c.name(), g.describe(), c.scale()));
        }
        return out;
    }

    /** Dropped identifier columns (read, never written). */
    public List<String> droppedColumns() {
        return columns.stream().filter(ColumnSpec::isDropped).map(ColumnSpec::name).toList();
    }

    /**
     * Checks an input's column names against the declaration and returns, for each declared column in schema
     * order, its index in the input.
     *
     * @throws SchemaException naming the first undeclared, missing or duplicated column
     */
    public int[] bind(List<String> inputColumns) throws SchemaException {
        Map<String, Integer> index = new HashMap<>();
        Set<String> undeclared = new LinkedHashSet<>();
        for (int i = 0; i < inputColumns.size(); i++) {
            String name = inputColumns.get(i);
            if (index.put(name, i) != null) {
                throw new SchemaException("input column '" + name + "' appears twice");
            }
            if (!byName.containsKey(name)) {
                undeclared.add(name);
            }
        }
        if (!undeclared.isEmpty()) {
            String first = undeclared.iterator().next();
            throw new SchemaException("input column '" + first + "' is not declared in the schema"
                + (undeclared.size() > 1 ? " (nor are " + (undeclared.size() - 1) + " more)" : "")
                + "; every input column must be declared (use role: identifier, kind: drop to discard one)");
        }
        int[] bound = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Integer at = index.get(columns.get(i).name());
            if (at == null) {
                throw new SchemaException("column '" + columns.get(i).name()
                    + "' is declared in the schema but missing from the input");
            }
            bound[i] = at;
        }
        return bound;
    }

    static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
