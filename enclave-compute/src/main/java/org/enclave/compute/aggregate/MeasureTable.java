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
 * {@code margin} (whether the row is a total over some dimension), and the requested measures
 * ({@code count} = rows, {@code sum_x}, {@code mean_x} = sum over non-null values). The disclosure
 * statistics (top contributions...) stay in the SDC record, not in this table.
 */
public final class MeasureTable {

    private MeasureTable() {
    }

    public static StructType schema(OutputSpec output) {
        List<StructField> fields = new ArrayList<>();
        for (String dim : output.groupBy()) {
            fields.add(DataTypes.createStructField(dim, DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField("margin", DataTypes.BooleanType, false));
        for (MeasureSpec measure : output.measures()) {
            fields.add(DataTypes.createStructField(measure.outputName(),
                    measure.fn() == MeasureSpec.Fn.COUNT ? DataTypes.LongType : DataTypes.DoubleType, true));
        }
        return DataTypes.createStructType(fields);
    }

    public static List<Row> rows(SdcTable table, OutputSpec output) {
        List<Row> rows = new ArrayList<>();
        for (CellStatistics cell : table.cells()) {
            List<Object> values = new ArrayList<>(cell.key());
            values.add(cell.isMargin());
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

    /** RFC 4180 CSV, UTF-8, header first; null is an empty field. */
    public static void writeCsv(Path file, StructType schema, List<Row> rows) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<String> header = new ArrayList<>();
            for (StructField field : schema.fields()) {
                header.add(field.name());
            }
            line(out, header);
            for (Row row : rows) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) {
                    values.add(row.isNullAt(i) ? "" : String.valueOf(row.get(i)));
                }
                line(out, values);
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
