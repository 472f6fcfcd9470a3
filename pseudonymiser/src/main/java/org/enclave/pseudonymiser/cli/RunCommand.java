package org.enclave.pseudonymiser.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.enclave.pseudonymiser.io.CsvOptions;
import org.enclave.pseudonymiser.key.KeyStoreFile;
import org.enclave.pseudonymiser.key.MasterKeyChain;
import org.enclave.pseudonymiser.run.Progress;
import org.enclave.pseudonymiser.run.Pseudonymiser;
import org.enclave.pseudonymiser.run.RunOptions;
import org.enclave.pseudonymiser.run.RunResult;
import org.enclave.pseudonymiser.run.UsageException;
import org.enclave.pseudonymiser.schema.DatasetSchema;
import org.enclave.pseudonymiser.schema.SchemaLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pseudonymiser run}: input + schema + keystore -> pseudonymised Parquet, manifest, quarantine. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Pseudonymise one CSV or Parquet file into an output folder.")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    PseudonymiserCli parent;
    @Spec
    CommandSpec spec;
    @Mixin
    PasswordOption password;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV or Parquet input file.")
    Path input;
    @Option(names = "--schema", required = true, paramLabel = "FILE", description = "Column-role schema (YAML).")
    Path schema;
    @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "Master-key keystore (BCFKS, or PKCS#12 if .p12/.pfx).")
    Path keystore;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder (new, empty, or with --replace a finished run).")
    Path output;
    @Option(names = "--format", paramLabel = "csv|parquet", description = "Input format (default: from the file name; .parquet is Parquet, anything else CSV).")
    String format;
    @Option(names = "--delimiter", defaultValue = ",", paramLabel = "CHAR", description = "CSV delimiter, one ASCII character; 'tab' or '\\t' for a tab (default: ${DEFAULT-VALUE}).")
    String delimiter;
    @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "NAME", description = "CSV encoding, ASCII-compatible (default: ${DEFAULT-VALUE}).")
    String encoding;
    @Option(names = "--threads", paramLabel = "N", description = "Worker threads, each writing one part file (default: the number of cores).")
    Integer threads;
    @Option(names = "--compression", defaultValue = "zstd", paramLabel = "CODEC", description = "Parquet compression: zstd, snappy, gzip or uncompressed (default: ${DEFAULT-VALUE}).")
    String compression;
    @Option(names = "--layout", defaultValue = "csns", paramLabel = "csns|input", description = "Row layout: csns (parts over"
        + " CSNS ranges, each sorted: what enclave-compute aggregates in one pass) or input (one part per worker, no"
        + " sort: faster to write, much slower to aggregate) (default: ${DEFAULT-VALUE}).")
    String layout;
    @Option(names = "--replace", description = "Replace a finished run already in the output folder.")
    boolean replace;
    @Option(names = "--progress", negatable = true, description = "Show a progress bar on stderr (default: only when stderr is a terminal).")
    Boolean progress;

    @Override
    public Integer call() throws Exception {
        RunOptions.InputFormat fmt = inputFormat();
        CsvOptions csv;
        try {
            csv = CsvOptions.of(delimiter, encoding);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        CompressionCodecName codec = switch (compression.toLowerCase(Locale.ROOT)) {
            case "zstd" -> CompressionCodecName.ZSTD;
            case "snappy" -> CompressionCodecName.SNAPPY;
            case "gzip" -> CompressionCodecName.GZIP;
            case "uncompressed", "none" -> CompressionCodecName.UNCOMPRESSED;
            default -> throw new UsageException("unknown compression '" + compression
                + "' (expected zstd, snappy, gzip or uncompressed)");
        };
        RunOptions.Layout rowLayout = switch (layout.toLowerCase(Locale.ROOT)) {
            case "csns" -> RunOptions.Layout.CSNS;
            case "input" -> RunOptions.Layout.INPUT;
            default -> throw new UsageException("unknown layout '" + layout + "' (expected csns or input)");
        };
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1 || n > 256) {
            throw new UsageException("--threads must be between 1 and 256");
        }
        DatasetSchema ds = SchemaLoader.load(schema);
        char[] pw = password.read(parent.env);
        MasterKeyChain keys;
        try {
            keys = new KeyStoreFile(keystore).load(pw);
        } finally {
            java.util.Arrays.fill(pw, '\0');
        }
        PrintWriter err = spec.commandLine().getErr();
        Progress p = new Progress();
        boolean show = progress != null ? progress : System.console() != null;
        RunResult r;
        try (ProgressBar bar = show ? new ProgressBar(p, err) : null) {
            r = new Pseudonymiser(ds, keys, p).run(new RunOptions(input, fmt, csv, schema, output, replace, n, codec, rowLayout));
        } finally {
            keys.destroy();
            if (show) {
                err.print("\r" + ProgressBar.line(p) + "\n");
                err.flush();
            }
        }
        spec.commandLine().getOut().println(summary(ds.dataset(), r));
        return PseudonymiserCli.OK;
    }

    private RunOptions.InputFormat inputFormat() throws UsageException {
        if (format == null) {
            return input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")
                ? RunOptions.InputFormat.PARQUET : RunOptions.InputFormat.CSV;
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> RunOptions.InputFormat.CSV;
            case "parquet" -> RunOptions.InputFormat.PARQUET;
            default -> throw new UsageException("unknown --format '" + format + "' (expected csv or parquet)");
        };
    }

    static String summary(String dataset, RunResult r) {
        StringJoiner reasons = new StringJoiner(", ", " (", ")");
        reasons.setEmptyValue("");
        for (Map.Entry<String, Long> e : r.reasons().entrySet()) {
            reasons.add(e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()));
        }
        long temporary = r.quality().getOrDefault("nir-temporary", 0L);
        return String.format(Locale.ROOT,
            "pseudonymiser: %s: %,d rows in, %,d out, %,d quarantined%s; %,d temporary NIRs; key %s v%d;"
                + " %.2f s, %s rows/s -> %s",
            dataset, r.rowsIn(), r.rowsOut(), r.rowsQuarantined(), reasons, temporary, r.key().keyId(),
            r.key().version(), r.seconds(), ProgressBar.human(r.rowsPerSecond()), r.output());
    }
}
