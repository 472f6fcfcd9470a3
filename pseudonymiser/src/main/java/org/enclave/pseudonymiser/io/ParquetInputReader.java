package org.enclave.pseudonymiser.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.enclave.pseudonymiser.schema.SchemaException;

/**
 * Parquet input through parquet-hadoop's low-level reader on a {@link LocalInputFile} (no Hadoop FileSystem).
 * Values are rendered as text (dates ISO, decimals plain) and then go through the same column processors as CSV,
 * so both inputs obey the same rules. Only flat, non-repeated primitive columns are accepted.
 */
public final class ParquetInputReader implements AutoCloseable {
    private static final int BATCH = 8192;

    private final ParquetFileReader reader;
    private final MessageType schema;
    private final List<String> names = new ArrayList<>();
    private final AtomicLong rowsRead;
    private RecordReader<Group> records;
    private long remainingInGroup;
    private long rows;

    /**
     * @throws InputException if the file is not a readable Parquet file (truncated, corrupt, not Parquet)
     * @throws SchemaException if a column is nested, repeated or of an unsupported type
     */
    public ParquetInputReader(Path file, AtomicLong rowsRead) throws InputException, SchemaException {
        this.rowsRead = rowsRead;
        try {
            reader = ParquetFileReader.open(new LocalInputFile(file));
        } catch (IOException | RuntimeException e) {
            throw new InputException("input is not a readable Parquet file (truncated or corrupt footer)", e);
        }
        schema = reader.getFooter().getFileMetaData().getSchema();
        for (Type t : schema.getFields()) {
            if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                close();
                throw new SchemaException("input column '" + t.getName() + "' is nested or repeated;"
                    + " only flat columns are read");
            }
            if (t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96) {
                close();
                throw new SchemaException("input column '" + t.getName() + "' is INT96, which is not supported");
            }
            names.add(t.getName());
        }
    }

    public List<String> columnNames() {
        return names;
    }

    /** Rows declared by the footer (for progress). */
    public long totalRows() {
        return reader.getRecordCount();
    }

    /** Next batch, or null at the end. */
    public RecordBatch next() throws InputException {
        try {
            if (remainingInGroup == 0) {
                PageReadStore pages = reader.readNextRowGroup();
                if (pages == null) {
                    return null;
                }
                MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
                records = io.getRecordReader(pages, new GroupRecordConverter(schema));
                remainingInGroup = pages.getRowCount();
                if (remainingInGroup == 0) {
                    return next();
                }
            }
            int n = (int) Math.min(BATCH, remainingInGroup);
            byte[][][] out = new byte[n][][];
            for (int i = 0; i < n; i++) {
                out[i] = render(records.read());
            }
            remainingInGroup -= n;
            ParquetBatch b = new ParquetBatch(out, n, rows + 1);
            rows += n;
            rowsRead.addAndGet(n);
            return b;
        } catch (IOException | RuntimeException e) {
            throw new InputException("input Parquet file is corrupt or truncated (after data row " + rows + ")", e);
        }
    }

    public long rows() {
        return rows;
    }

    private byte[][] render(Group g) {
        int n = names.size();
        byte[][] row = new byte[n][];
        for (int c = 0; c < n; c++) {
            if (g.getFieldRepetitionCount(c) == 0) {
                continue;
            }
            PrimitiveType t = schema.getType(c).asPrimitiveType();
            LogicalTypeAnnotation lt = t.getLogicalTypeAnnotation();
            String text = switch (t.getPrimitiveTypeName()) {
                case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                    byte[] bytes = g.getBinary(c, 0).getBytes();
                    if (lt instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                        yield new BigDecimal(new BigInteger(bytes), d.getScale()).toPlainString();
                    }
                    row[c] = bytes;
                    yield null;
                }
                case INT32 -> {
                    int v = g.getInteger(c, 0);
                    if (lt instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                        yield LocalDate.ofEpochDay(v).toString();
                    } else if (lt instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                        yield BigDecimal.valueOf(v, d.getScale()).toPlainString();
                    }
                    yield Integer.toString(v);
                }
                case INT64 -> {
                    long v = g.getLong(c, 0);
                    if (lt instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                        yield BigDecimal.valueOf(v, d.getScale()).toPlainString();
                    }
                    yield Long.toString(v);
                }
                case BOOLEAN -> Boolean.toString(g.getBoolean(c, 0));
                case FLOAT -> Float.toString(g.getFloat(c, 0));
                case DOUBLE -> Double.toString(g.getDouble(c, 0));
                default -> throw new IllegalStateException("unsupported Parquet type (checked at open)");
            };
            if (text != null) {
                row[c] = text.getBytes(StandardCharsets.UTF_8);
            }
        }
        return row;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // read-only handle
        }
    }
}
