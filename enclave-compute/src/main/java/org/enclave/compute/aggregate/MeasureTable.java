package org.enclave.compute.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.enclave.compute.job.MeasureSpec;
import org.enclave.compute.job.OutputSpec;

/**
 * The researcher-facing aggregate table: one row per cell, the dimensions (empty/null on a margin),
 * {@code margin} (whether the row is a total over some dimension), {@code sdc} (the cell's outcome:
 * {@code ok}, {@code primary}, {@code secondary}), and the requested measures ({@code count} = rows,
 * {@code sum_x}, {@code mean_x} = sum over non-null values). Two forms:
 * <ul>
 *   <li>{@link #rows}: the computed values of every cell, for viewing inside the enclave only
 *       ({@code result.parquet});</li>
 *   <li>{@link #released}: the release candidate ({@code result.csv}): a withheld cell's measures are
 *       {@value #WITHHELD}, never its values; counts as the policy publishes them (rounded or not).</li>
 * </ul>
 * The disclosure statistics (largest contributions...) are in neither: they stay in the report.
 */
public final class MeasureTable {

    /** Marks a withheld value in the released CSV ("confidential", as in official statistics tables). */
    public static final String WITHHELD = "[c]";

    private MeasureTable() {
    }

    public static StructType schema(OutputSpec output) {
        List<StructField> fields = new ArrayList<>();
        for (String dim : output.groupBy()) {
            fields.add(DataTypes.createStructField(dim, DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField("margin", DataTypes.BooleanType, false));
        fields.add(DataTypes.createStructField("sdc", DataTypes.StringType, false));
        for (MeasureSpec measure : output.measures()) {
            fields.add(DataTypes.createStructField(measure.outputName(),
                    measure.fn() == MeasureSpec.Fn.COUNT ? DataTypes.LongType : DataTypes.DoubleType, true));
        }
        return DataTypes.createStructType(fields);
    }

    /** Every cell with its computed values (in-enclave viewing only: never releasable as such). */
    public static List<Row> rows(SdcTable table, OutputSpec output, AggregateEvaluation evaluation) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < table.cells().size(); i++) {
            CellStatistics cell = table.cells().get(i);
            List<Object> values = new ArrayList<>(cell.key());
            values.add(cell.isMargin());
            values.add(evaluation.outcome(i).id());
            for (MeasureSpec measure : output.measures()) {
                values.add(switch (measure.fn()) {
                    case COUNT -> cell.rows();
                    case SUM -> cell.total();
                    case MEAN -> cell.valued() == 0 ? null : cell.total() / cell.valued();
                });
            }
            rows.add(RowFactory.create(values.toArray()));
        }
        return rows;
    }

    /**
     * The release candidate: per cell the key, margin flag, outcome, and each measure as released, or
     * {@value #WITHHELD} when withheld. IMPORTANT: a withheld value is never written, in any form.
     */
    public static List<List<String>> released(SdcTable table, OutputSpec output, AggregateEvaluation evaluation) {
        List<List<String>> lines = new ArrayList<>();
        for (int i = 0; i < table.cells().size(); i++) {
            CellStatistics cell = table.cells().get(i);
            List<String> values = new ArrayList<>();
            cell.key().forEach(k -> values.add(k == null ? "" : k));
            values.add(String.valueOf(cell.isMargin()));
            values.add(evaluation.outcome(i).id());
            for (MeasureSpec measure : output.measures()) {
                if (evaluation.withheld(i, measure)) {
                    values.add(WITHHELD);
                } else {
                    Number v = evaluation.released(i, measure);
                    values.add(v == null ? "" : String.valueOf(v)); // a mean over no value
                }
            }
            lines.add(values);
        }
        return lines;
    }

    /** RFC 4180 CSV, UTF-8, header first. */
    public static void writeCsv(Path file, StructType schema, List<List<String>> rows) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<String> header = new ArrayList<>();
            for (StructField field : schema.fields()) {
                header.add(field.name());
            }
            line(out, header);
            for (List<String> row : rows) {
                line(out, row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.getFileName(), e);
        }
    }

    private static void line(Writer out, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String v = values.get(i);
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                out.write('"' + v.replace("\"", "\"\"") + '"');
            } else {
                out.write(v);
            }
        }
        out.write("\r\n");
    }
}
