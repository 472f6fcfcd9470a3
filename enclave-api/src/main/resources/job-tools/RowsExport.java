// Converts a rows job's result.parquet/ into rows.jsonl for in-enclave viewing (docs/jobs.md, "Rows").
// Run by the API as a separate process, as a single-file source program on enclave-compute's runtime
// classpath (Parquet and Hadoop never load inside the API process):
//   java -cp 'enclave-compute/target/lib/*' RowsExport.java RESULT_DIR OUT_FILE MAX_ROWS
// Output: line 1 {"columns":[{"name","type"}]}, then one JSON array per row. Binary values without a
// string type (the pid) are hex; decimals exact; dates ISO; timestamps ISO UTC.
// Interim: belongs in enclave-compute (written by the job itself) at its next contract version.

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

public class RowsExport {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        long max = Long.parseLong(args[2]);
        ObjectMapper json = new ObjectMapper();
        Configuration conf = new Configuration(false);
        List<Path> parts;
        try (Stream<Path> s = Files.list(dir)) {
            parts = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        long n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            MessageType schema = null;
            for (Path part : parts) {
                org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(part.toUri());
                if (schema == null) {
                    try (ParquetFileReader f = ParquetFileReader.open(HadoopInputFile.fromPath(hp, conf))) {
                        schema = f.getFooter().getFileMetaData().getSchema();
                    }
                    ObjectNode header = json.createObjectNode();
                    ArrayNode columns = header.putArray("columns");
                    for (Type t : schema.getFields()) {
                        columns.addObject().put("name", t.getName()).put("type", typeName(t));
                    }
                    w.write(json.writeValueAsString(header));
                    w.newLine();
                }
                try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), hp).withConf(conf).build()) {
                    Group g;
                    while (n < max && (g = r.read()) != null) {
                        ArrayNode row = json.createArrayNode();
                        for (int i = 0; i < schema.getFieldCount(); i++) {
                            value(row, g, i, schema.getType(i));
                        }
                        w.write(json.writeValueAsString(row));
                        w.newLine();
                        n++;
                    }
                }
            }
            if (schema == null) {
                w.write("{\"columns\":[]}");
                w.newLine();
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("rows " + n);
    }

    static String typeName(Type t) {
        if (!t.isPrimitive()) {
            return "group";
        }
        LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
        return t.asPrimitiveType().getPrimitiveTypeName().name().toLowerCase() + (a == null ? "" : "(" + a.toString().toLowerCase() + ")");
    }

    static void value(ArrayNode row, Group g, int i, Type t) {
        if (g.getFieldRepetitionCount(i) == 0) {
            row.addNull();
            return;
        }
        if (!t.isPrimitive()) {
            row.add(g.getGroup(i, 0).toString());
            return;
        }
        PrimitiveType p = t.asPrimitiveType();
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> row.add(g.getBoolean(i, 0));
            case FLOAT -> number(row, g.getFloat(i, 0));
            case DOUBLE -> number(row, g.getDouble(i, 0));
            case INT32 -> {
                int v = g.getInteger(i, 0);
                if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    row.add(BigDecimal.valueOf(v, d.getScale()));
                } else if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    row.add(LocalDate.ofEpochDay(v).toString());
                } else {
                    row.add(v);
                }
            }
            case INT64 -> {
                long v = g.getLong(i, 0);
                if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    row.add(BigDecimal.valueOf(v, d.getScale()));
                } else if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                    Instant at = switch (ts.getUnit()) {
                        case MILLIS -> Instant.ofEpochMilli(v);
                        case MICROS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000);
                        case NANOS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
                    };
                    row.add(at.toString());
                } else {
                    row.add(v);
                }
            }
            case INT96 -> {
                ByteBuffer b = ByteBuffer.wrap(g.getInt96(i, 0).getBytes()).order(ByteOrder.LITTLE_ENDIAN);
                long nanosOfDay = b.getLong();
                long julianDay = b.getInt() & 0xFFFFFFFFL;
                long epochDay = julianDay - 2_440_588L;
                row.add(Instant.ofEpochSecond(epochDay * 86_400L, 0).plusNanos(nanosOfDay).toString());
            }
            case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                Binary v = g.getBinary(i, 0);
                if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    row.add(new BigDecimal(new BigInteger(v.getBytes()), d.getScale()));
                } else if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    row.add(v.toStringUsingUTF8());
                } else {
                    row.add(HexFormat.of().formatHex(v.getBytes()));
                }
            }
        }
    }

    static void number(ArrayNode row, double v) {
        if (Double.isFinite(v)) {
            row.add(v);
        } else {
            row.add(Double.toString(v));
        }
    }
}
