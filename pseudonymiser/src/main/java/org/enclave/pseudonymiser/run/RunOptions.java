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
 * @param threads     worker threads
 * @param compression Parquet codec
 * @param layout      how the rows are laid out in the parts
 */
public record RunOptions(Path input, InputFormat format, CsvOptions csv, Path schemaFile, Path output, boolean replace,
                         int threads, CompressionCodecName compression, Layout layout) {

    /** The default layout, {@link Layout#CSNS}. */
    public RunOptions(Path input, InputFormat format, CsvOptions csv, Path schemaFile, Path output, boolean replace,
                      int threads, CompressionCodecName compression) {
        this(input, format, csv, schemaFile, output, replace, threads, compression, Layout.CSNS);
    }

    /** Input formats. */
    public enum InputFormat { CSV, PARQUET }

    /** How the output rows are laid out (docs/pseudonymiser.md, "Layout"). */
    public enum Layout {
        /** Range-partitioned parts, each sorted by CSNS: what enclave-compute aggregates in one pass (the default). */
        CSNS,
        /** One part per worker, rows in the order the worker met them: no second stage, no sort. */
        INPUT
    }
}
