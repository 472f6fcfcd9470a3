package org.enclave.pseudonymiser.run;

import java.nio.file.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.enclave.pseudonymiser.io.CsvOptions;

/**
 * What to run.
 *
 * @param input       CSV or Parquet file
 * @param format      input format
 * @param csv         CSV dialect (ignored for Parquet)
 * @param schemaFile  the schema file (its SHA-256 goes into the manifest)
 * @param output      output folder
 * @param replace     whether a finished run in {@code output} may be replaced
 * @param threads     worker threads (each writes its own part file)
 * @param compression Parquet codec
 */
public record RunOptions(Path input, InputFormat format, CsvOptions csv, Path schemaFile, Path output, boolean replace,
                         int threads, CompressionCodecName compression) {

    /** Input formats. */
    public enum InputFormat { CSV, PARQUET }
}
