package org.enclave.compute.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowsJsonTest {

    @TempDir
    Path dir;

    @Test
    void everyTypeIsWrittenAsTheViewerReadsIt() throws Exception {
        StructType schema = new StructType()
                .add("pid", DataTypes.BinaryType)
                .add("name", DataTypes.StringType)
                .add("n", DataTypes.IntegerType)
                .add("big", DataTypes.LongType)
                .add("cost", DataTypes.createDecimalType(20, 2))
                .add("x", DataTypes.DoubleType)
                .add("ok", DataTypes.BooleanType)
                .add("day", DataTypes.DateType)
                .add("at", DataTypes.TimestampType);
        List<Row> rows = List.of(
                RowFactory.create(new byte[] {0x00, (byte) 0xab, 0x7f}, "Saint-Étienne \"quoted\"", 7, Long.MAX_VALUE,
                        new BigDecimal("123456789012345678.10"), 1.5, true, Date.valueOf(LocalDate.of(2024, 2, 29)),
                        Timestamp.from(Instant.parse("2024-03-01T10:15:30.123Z"))),
                RowFactory.create(null, null, null, null, null, Double.NaN, null, null, null));
        RowsJson.write(dir, schema, rows);

        assertThat(Files.readString(dir.resolve("rows.jsonl"))).isEqualTo("""
                {"columns":[{"name":"pid","type":"binary"},{"name":"name","type":"string"},{"name":"n","type":"int"},\
                {"name":"big","type":"bigint"},{"name":"cost","type":"decimal(20,2)"},{"name":"x","type":"double"},\
                {"name":"ok","type":"boolean"},{"name":"day","type":"date"},{"name":"at","type":"timestamp"}]}
                ["00ab7f","Saint-Étienne \\"quoted\\"",7,9223372036854775807,123456789012345678.10,1.5,true,"2024-02-29",\
                "2024-03-01T10:15:30.123Z"]
                [null,null,null,null,null,"NaN",null,null,null]
                """);
        assertThat(dir.resolve("rows.jsonl.tmp")).doesNotExist();
    }

    /** Values Spark hands over in forms a naive conversion gets wrong. */
    @Test
    void oldDatesFloatsSmallDecimalsAndNestedValuesAreWrittenAsSparkShowsThem() throws Exception {
        StructType point = new StructType().add("x", DataTypes.IntegerType).add("who", DataTypes.BinaryType);
        StructType schema = new StructType()
                .add("day", DataTypes.DateType)
                .add("at", DataTypes.TimestampType)
                .add("f", DataTypes.FloatType)
                .add("d", DataTypes.createDecimalType(10, 8))
                .add("pids", DataTypes.createArrayType(DataTypes.BinaryType))
                .add("m", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType))
                .add("p", point)
                .add("text", DataTypes.StringType);
        // java.sql values before 1582 are in the hybrid Julian calendar, as Spark hands them over.
        Timestamp old = Timestamp.valueOf("1500-01-01 00:00:00");
        String oldInstant = java.time.LocalDateTime.of(1500, 1, 1, 0, 0).atZone(java.time.ZoneId.systemDefault()).toInstant().toString();
        Row row = RowFactory.create(Date.valueOf("1500-01-01"), old, 0.1F, new BigDecimal("0.00000001"),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of(new byte[] {1, 2}, new byte[] {(byte) 0xff})).toSeq(),
                scala.jdk.javaapi.CollectionConverters.asScala(new java.util.TreeMap<>(java.util.Map.of("k", 1))),
                new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(new Object[] {3, new byte[] {0x0a}}, point),
                "two\nlines");
        RowsJson.write(dir, schema, List.of(row));

        List<String> lines = Files.readAllLines(dir.resolve("rows.jsonl"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo("[\"1500-01-01\",\"" + oldInstant + "\",0.1,0.00000001,[\"0102\",\"ff\"],{\"k\":1},"
                + "{\"x\":3,\"who\":\"0a\"},\"two\\nlines\"]");
    }

    @Test
    void noRowsIsTheHeaderAlone() throws Exception {
        RowsJson.write(dir, new StructType().add("pid", DataTypes.BinaryType), List.of());
        assertThat(Files.readString(dir.resolve("rows.jsonl"))).isEqualTo("{\"columns\":[{\"name\":\"pid\",\"type\":\"binary\"}]}\n");
    }
}
