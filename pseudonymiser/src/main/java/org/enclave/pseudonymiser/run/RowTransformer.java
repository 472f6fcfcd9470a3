package org.enclave.pseudonymiser.run;

import java.nio.charset.Charset;
import java.util.List;
import org.enclave.pseudonymiser.csns.CsnsFunction;
import org.enclave.pseudonymiser.io.FieldBuffer;
import org.enclave.pseudonymiser.io.OutputRow;
import org.enclave.pseudonymiser.nir.NirQuality;
import org.enclave.pseudonymiser.schema.ColumnSpec;
import org.enclave.pseudonymiser.schema.DatasetSchema;
import org.enclave.pseudonymiser.schema.Generalisation;
import org.enclave.pseudonymiser.schema.OutputColumn;

/**
 * The schema compiled for one worker: one processor per kept column, applied in schema order. The first fault
 * stops the row (one quarantine entry per row). Dropped identifiers are never decoded.
 */
final class RowTransformer {
    private final ColumnProcessor[] processors;
    private final int[] inputIndex;
    private final String[] names;
    private final long[] quality = new long[NirQuality.values().length];
    private int faultColumn = -1;

    RowTransformer(DatasetSchema schema, int[] bound, CsnsFunction csns, Charset charset) {
        List<ColumnSpec> cols = schema.columns();
        List<OutputColumn> outs = schema.outputColumns();
        processors = new ColumnProcessor[cols.size()];
        inputIndex = bound.clone();
        names = new String[cols.size()];
        // the NIR first: a row with a bad NIR is quarantined for it, whatever else is wrong
        int order = 0;
        int[] sequence = new int[cols.size()];
        for (int k = 0; k < cols.size(); k++) {
            if (cols.get(k).isNir()) {
                sequence[order++] = k;
            }
        }
        for (int k = 0; k < cols.size(); k++) {
            if (!cols.get(k).isNir()) {
                sequence[order++] = k;
            }
        }
        ColumnProcessor[] ordered = new ColumnProcessor[cols.size()];
        int[] orderedIndex = new int[cols.size()];
        for (int i = 0; i < sequence.length; i++) {
            int k = sequence[i];
            ColumnSpec c = cols.get(k);
            names[i] = c.name();
            orderedIndex[i] = bound[k];
            ordered[i] = processor(c, outIndex(outs, c), csns, charset);
        }
        System.arraycopy(ordered, 0, processors, 0, ordered.length);
        System.arraycopy(orderedIndex, 0, inputIndex, 0, orderedIndex.length);
    }

    private static int outIndex(List<OutputColumn> outs, ColumnSpec c) {
        if (c.isDropped()) {
            return -1;
        }
        String name = c.isNir() ? DatasetSchema.CSNS_COLUMN : c.name();
        for (int i = 0; i < outs.size(); i++) {
            if (outs.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("output column missing (a bug)");
    }

    private static ColumnProcessor processor(ColumnSpec c, int out, CsnsFunction csns, Charset charset) {
        if (c.isDropped()) {
            return null;
        }
        if (c.isNir()) {
            return new ColumnProcessor.NirColumn(out, csns);
        }
        Generalisation g = c.generalise();
        return switch (c.type()) {
            case STRING -> g instanceof Generalisation.Departement ? new ColumnProcessor.DepartementColumn(out)
                : new ColumnProcessor.StringColumn(out, charset);
            case INT, LONG -> new ColumnProcessor.IntegerColumn(out, c.type() == org.enclave.pseudonymiser.schema.ValueType.LONG,
                g instanceof Generalisation.Band b ? b : null);
            case DECIMAL -> new ColumnProcessor.DecimalColumn(out, c.scale());
            case DATE -> new ColumnProcessor.DateColumn(out, c.dateFormat(), g);
        };
    }

    /**
     * @return null if the row was fully written into {@code row}; else the reason, with {@link #faultColumn()}
     * @throws EncodingException if a text value is not valid in the input encoding ({@link #faultColumn()} set)
     */
    Reason transform(FieldBuffer fields, OutputRow row) {
        row.clear();
        for (int i = 0; i < processors.length; i++) {
            ColumnProcessor p = processors[i];
            if (p == null) {
                continue;
            }
            int f = inputIndex[i];
            faultColumn = i;
            Reason r = p.apply(fields.data(f), fields.offset(f), fields.length(f), row);
            if (r != null) {
                return r;
            }
        }
        int flags = processors[0].lastFlags();
        if (flags != 0) {
            for (NirQuality q : NirQuality.values()) {
                if ((flags & q.bit()) != 0) {
                    quality[q.ordinal()]++;
                }
            }
        }
        return null;
    }

    /** Name of the column that failed in the last {@link #transform} call. */
    String faultColumn() {
        return names[faultColumn];
    }

    long[] quality() {
        return quality;
    }
}
