package org.enclave.pseudonymiser.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/** Reads every part file of a run into maps (binary as hex for csns, text for strings). Test helper. */
public final class OutputReader {
    private OutputReader() {
    }

    public static List<Map<String, Object>> rows(Path folder) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Path> parts;
        try (Stream<Path> s = Files.list(folder)) {
            parts = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        for (Path p : parts) {
            out.addAll(partRows(p));
        }
        return out;
    }

    /** The rows of one part file, in file order. */
    public static List<Map<String, Object>> partRows(Path p) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(p))) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            PageReadStore pages;
            while ((pages = r.readNextRowGroup()) != null) {
                RecordReader<Group> rr = new ColumnIOFactory().getColumnIO(schema)
                    .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    Group g = rr.read();
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int f = 0; f < schema.getFieldCount(); f++) {
                        String name = schema.getFieldName(f);
                        if (g.getFieldRepetitionCount(f) == 0) {
                            row.put(name, null);
                            continue;
                        }
                        PrimitiveType t = schema.getType(f).asPrimitiveType();
                        Object v = switch (t.getPrimitiveTypeName()) {
                            case FIXED_LEN_BYTE_ARRAY -> HexFormat.of().formatHex(g.getBinary(f, 0).getBytes());
                            case BINARY -> g.getString(f, 0);
                            case INT32 -> g.getInteger(f, 0);
                            case INT64 -> g.getLong(f, 0);
                            default -> g.getValueToString(f, 0);
                        };
                        row.put(name, v);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }
}
