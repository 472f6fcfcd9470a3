package org.enclave.pseudonymiser.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.enclave.pseudonymiser.schema.DatasetSchema;
import org.enclave.pseudonymiser.schema.OutputColumn;

/**
 * One Parquet part file written through a custom {@link WriteSupport}, on a local
 * {@link DigestingOutputFile} (no Hadoop FileSystem). The CSNS column is written without dictionary or
 * statistics: it is 32 random-looking bytes per row, so both would cost time and buy nothing.
 */
public final class PartWriter implements AutoCloseable {
    /** Row-group size: bounds the heap per writer (about 1.5 million rows at 7 columns). */
    static final long ROW_GROUP_BYTES = 64L << 20;

    private final ParquetWriter<OutputRow> writer;
    private final DigestingOutputFile file;
    private long rows;

    public PartWriter(Path path, String dataset, List<OutputColumn> columns, CompressionCodecName codec,
                      Map<String, String> footerMetadata) throws IOException {
        this(path, OutputSchema.of(dataset, columns), codec, footerMetadata);
    }

    /**
     * A part with the given flat schema (INT32, INT64, BINARY or FIXED_LEN_BYTE_ARRAY columns, one of them
     * {@code csns}): how {@code rekey} writes the schema it read.
     */
    public PartWriter(Path path, MessageType schema, CompressionCodecName codec, Map<String, String> footerMetadata)
            throws IOException {
        this(path, schema, codec, footerMetadata, ROW_GROUP_BYTES);
    }

    /**
     * @param rowGroupBytes the row-group size, which is what the writer holds in memory (at most
     *                      {@link #ROW_GROUP_BYTES})
     */
    public PartWriter(Path path, MessageType schema, CompressionCodecName codec, Map<String, String> footerMetadata,
                      long rowGroupBytes) throws IOException {
        this.file = new DigestingOutputFile(path);
        this.writer = new Builder(file, new RowWriteSupport(schema, footerMetadata))
            .withConf(new Configuration(false))
            .withCompressionCodec(codec)
            .withRowGroupSize(Math.min(ROW_GROUP_BYTES, rowGroupBytes))
            .withDictionaryEncoding(DatasetSchema.CSNS_COLUMN, false)
            .withStatisticsEnabled(DatasetSchema.CSNS_COLUMN, false)
            .withSizeStatisticsEnabled(DatasetSchema.CSNS_COLUMN, false)
            .build();
    }

    public void write(OutputRow row) throws IOException {
        writer.write(row);
        rows++;
    }

    public long rows() {
        return rows;
    }

    public DigestingOutputFile file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<OutputRow, Builder> {
        private final WriteSupport<OutputRow> support;

        Builder(DigestingOutputFile file, WriteSupport<OutputRow> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<OutputRow> getWriteSupport(Configuration conf) {
            return support;
        }
    }

    private static final class RowWriteSupport extends WriteSupport<OutputRow> {
        private final MessageType schema;
        private final String[] names;
        private final PrimitiveTypeName[] types;
        private final Map<String, String> metadata;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType schema, Map<String, String> metadata) {
            this.schema = schema;
            this.names = schema.getFields().stream().map(Type::getName).toArray(String[]::new);
            this.types = schema.getFields().stream().map(t -> t.asPrimitiveType().getPrimitiveTypeName())
                .toArray(PrimitiveTypeName[]::new);
            this.metadata = Map.copyOf(metadata);
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, metadata);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(OutputRow row) {
            RecordConsumer rc = consumer;
            rc.startMessage();
            for (int i = 0; i < names.length; i++) {
                if (!row.present[i]) {
                    continue;
                }
                rc.startField(names[i], i);
                switch (types[i]) {
                    case BINARY, FIXED_LEN_BYTE_ARRAY -> rc.addBinary(row.binaries[i]);
                    case INT32 -> rc.addInteger((int) row.longs[i]);
                    case INT64 -> rc.addLong(row.longs[i]);
                    default -> throw new IllegalStateException("unexpected column type in a run");
                }
                rc.endField(names[i], i);
            }
            rc.endMessage();
        }

        @Override
        public String getName() {
            return "enclave-pseudonymiser";
        }
    }
}
