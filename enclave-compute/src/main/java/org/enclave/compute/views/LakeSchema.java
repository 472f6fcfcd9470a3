package org.enclave.compute.views;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.Footer;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat$;
import org.apache.spark.sql.types.StructType;

/**
 * The schema of a lake table read from one Parquet footer on the driver. Spark's own inference reads
 * the same single footer (without {@code mergeSchema}) but through a Spark job, which costs a
 * second or more in a fresh process; the schema is then given to the reader. The footer is converted
 * by Spark's own code ({@code ParquetFileFormat.readSchema}, which prefers the Spark schema stored in
 * the footer and applies the session's Parquet settings), so the result is what Spark would infer.
 */
final class LakeSchema {

    private LakeSchema() {
    }

    /**
     * @return the schema, or empty when it cannot be read this way (the caller then lets Spark infer it,
     *         and Spark reports what is wrong)
     */
    static Optional<StructType> read(SparkSession spark, String location) {
        try {
            Configuration conf = ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().newHadoopConf();
            Path path = new Path(location);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus status = fs.getFileStatus(path);
            if (status.isDirectory()) {
                // As Spark lists a dataset folder: no hidden or metadata files; only the Parquet parts
                // (the folder also holds manifest.json and quarantine.csv).
                status = Arrays.stream(fs.listStatus(path, p -> isPart(p.getName())))
                        .filter(FileStatus::isFile)
                        .min(Comparator.comparing(s -> s.getPath().getName()))
                        .orElse(null);
                if (status == null) {
                    return Optional.empty();
                }
            }
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(status, conf))) {
                Footer footer = new Footer(status.getPath(), reader.getFooter());
                var schema = ParquetFileFormat$.MODULE$.readSchema(
                        scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(footer)).toList(), spark);
                return schema.isDefined() ? Optional.of(schema.get()) : Optional.empty();
            }
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
    }

    private static boolean isPart(String name) {
        return name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".");
    }
}
