package org.enclave.compute.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes an aggregate's in-enclave table ({@link MeasureTable#rows}) as a Parquet folder from the driver:
 * one part file, as Spark would write it for one partition, without the cost of a Spark write job for a
 * few hundred cells. The folder reads back with Spark (or any Parquet reader) with the same schema.
 */
public final class ResultParquet {

    /** The one part file inside the folder. */
    public static final String PART = "part-00000.parquet";

    private ResultParquet() {
    }

    /**
     * @param folder the folder to create (replaced if it exists)
     * @param schema {@link MeasureTable#schema}: string, boolean, long and double columns only
     * @param rows   the rows, in the schema's column order
     */
    public static void write(Path folder, StructType schema, List<Row> rows) {
        MessageType type = parquetType(schema);
        try {
            deleteRecursively(folder);
            Files.createDirectories(folder);
            SimpleGroupFactory groups = new SimpleGroupFactory(type);
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(folder.resolve(PART)))
                    .withType(type).withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
                for (Row row : rows) {
                    Group group = groups.newGroup();
                    for (int i = 0; i < schema.fields().length; i++) {
                        if (row.isNullAt(i)) {
                            continue;
                        }
                        String name = schema.fields()[i].name();
                        DataType t = schema.fields()[i].dataType();
                        if (t instanceof StringType) {
                            group.add(name, row.getString(i));
                        } else if (t instanceof BooleanType) {
                            group.add(name, row.getBoolean(i));
                        } else if (t instanceof LongType) {
                            group.add(name, row.getLong(i));
                        } else {
                            group.add(name, row.getDouble(i));
                        }
                    }
                    writer.write(group);
                }
            }
            Files.createFile(folder.resolve("_SUCCESS"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.getFileName(), e);
        }
    }

    static MessageType parquetType(StructType schema) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (StructField field : schema.fields()) {
            DataType t = field.dataType();
            var repetition = field.nullable() ? org.apache.parquet.schema.Type.Repetition.OPTIONAL
                    : org.apache.parquet.schema.Type.Repetition.REQUIRED;
            if (t instanceof StringType) {
                message.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(field.name());
            } else if (t instanceof BooleanType) {
                message.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(field.name());
            } else if (t instanceof LongType) {
                message.primitive(PrimitiveTypeName.INT64, repetition).named(field.name());
            } else if (t instanceof DoubleType) {
                message.primitive(PrimitiveTypeName.DOUBLE, repetition).named(field.name());
            } else {
                throw new IllegalArgumentException("bug: an aggregate result column of type " + t.simpleString());
            }
        }
        return message.named("spark_schema");
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
