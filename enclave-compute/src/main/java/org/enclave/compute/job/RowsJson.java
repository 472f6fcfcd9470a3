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
import java.nio.channels.FileChannel;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A {@code rows} job's rows as JSON lines, for viewing inside the enclave (docs/job-contract.md): line 1
 * {@code {"columns":[{"name","type"}]}} (Spark's type names), then one JSON array per row. Binary values
 * (the pid) are lower-case hex, decimals exact and plain, dates ISO in the proleptic Gregorian calendar
 * (as Spark computes them, also before 1582), timestamps ISO in UTC, non-finite numbers strings; arrays
 * are arrays, structs objects, maps objects keyed by the key's text. Written to a temporary name and
 * moved into place.
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
            try (FileChannel written = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                written.force(true); // on disk before it takes its name
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp); // row-level data: never left half-written
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof IOException io ? new UncheckedIOException("cannot write " + FILE, io) : (RuntimeException) e;
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
        } else if (v instanceof Float f) {
            if (Float.isFinite(f)) {
                g.writeNumber(f); // as Spark shows it (0.1, not the double nearest the float)
            } else {
                g.writeString(Float.toString(f));
            }
        } else if (v instanceof Double d) {
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(Double.toString(d));
            }
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d.toPlainString());
        } else if (v instanceof Date d) {
            // Spark's java.sql values are rebased to the hybrid Julian calendar: undo it as Spark does.
            g.writeString(LocalDate.ofEpochDay(DateTimeUtils.fromJavaDate(d)).toString());
        } else if (v instanceof Timestamp t) {
            long micros = DateTimeUtils.fromJavaTimestamp(t);
            g.writeString(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L).toString());
        } else if (v instanceof LocalDate d) {
            g.writeString(d.toString());
        } else if (v instanceof Instant t) {
            g.writeString(t.toString());
        } else if (v instanceof LocalDateTime t) {
            g.writeString(t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        } else if (v instanceof Row row) {
            g.writeStartObject();
            StructType schema = row.schema();
            for (int i = 0; i < row.length(); i++) {
                g.writeFieldName(schema != null ? schema.fields()[i].name() : Integer.toString(i));
                value(g, row.get(i));
            }
            g.writeEndObject();
        } else if (v instanceof scala.collection.Map<?, ?> map) {
            g.writeStartObject();
            scala.collection.Iterator<? extends scala.Tuple2<?, ?>> entries = map.iterator();
            while (entries.hasNext()) {
                scala.Tuple2<?, ?> e = entries.next();
                Object key = e._1();
                g.writeFieldName(key instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(key));
                value(g, e._2());
            }
            g.writeEndObject();
        } else if (v instanceof scala.collection.Iterable<?> seq) {
            g.writeStartArray();
            scala.collection.Iterator<?> items = seq.iterator();
            while (items.hasNext()) {
                value(g, items.next());
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString()); // intervals (ISO durations and periods), anything else: its text
        }
    }
}
