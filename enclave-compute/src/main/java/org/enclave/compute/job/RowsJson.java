package org.enclave.compute.job;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A {@code rows} job's rows as JSON lines, for viewing inside the enclave (docs/job-contract.md): line 1
 * {@code {"columns":[{"name","type"}]}} (Spark's type names), then one JSON array per row. Binary values
 * (the pid) are lower-case hex, decimals exact, dates ISO, timestamps ISO in UTC, non-finite numbers
 * strings, nested values their text. Written to a temporary name and moved into place.
 */
public final class RowsJson {
    public static final String FILE = "rows.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RowsJson() {
    }

    public static void write(Path folder, StructType schema, List<Row> rows) {
        Path file = folder.resolve(FILE);
        Path tmp = folder.resolve(FILE + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp);
                    JsonGenerator g = JSON.getFactory().createGenerator(out)) {
                g.setRootValueSeparator(new SerializedString("\n"));
                g.writeStartObject();
                g.writeArrayFieldStart("columns");
                for (StructField field : schema.fields()) {
                    g.writeStartObject();
                    g.writeStringField("name", field.name());
                    g.writeStringField("type", field.dataType().simpleString());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
                for (Row row : rows) {
                    g.writeStartArray();
                    for (int i = 0; i < row.length(); i++) {
                        value(g, row.get(i));
                    }
                    g.writeEndArray();
                }
                g.writeRaw('\n');
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE, e);
        }
    }

    static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof byte[] b) {
            g.writeString(HexFormat.of().formatHex(b));
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Float || v instanceof Double) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(Double.toString(d));
            }
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Date d) {
            g.writeString(d.toLocalDate().toString());
        } else if (v instanceof LocalDate d) {
            g.writeString(d.toString());
        } else if (v instanceof Timestamp t) {
            g.writeString(t.toInstant().toString());
        } else if (v instanceof Instant t) {
            g.writeString(t.toString());
        } else {
            g.writeString(v.toString()); // nested values, local date-times: their text
        }
    }
}
