package org.enclave.api.job;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Turns a rows job's {@code result.parquet/} into {@code rows.jsonl}, which the API pages through.
 * Parquet and Hadoop never load in the API process (docs/architecture.md): the conversion is a separate
 * JVM running the single-file program {@code job-tools/RowsExport.java} on enclave-compute's runtime
 * classpath ({@code enclave-compute/target/lib}, found next to the compute command).
 *
 * <p>Interim: compute should write this file itself (a job-contract addition); then this class goes.
 */
@Component
class RowsExporter {

    static final String ROWS_FILE = "rows.jsonl";
    private static final String SOURCE = "job-tools/RowsExport.java";

    private final JobSettings settings;

    RowsExporter(JobSettings settings) {
        this.settings = settings;
    }

    /** @return the number of rows written; throws when the conversion fails */
    long export(Path jobFolder, int maxRows, Path log) throws IOException, InterruptedException {
        Path source = jobFolder.resolve("RowsExport.java");
        try (InputStream in = RowsExporter.class.getClassLoader().getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IOException(SOURCE + " is missing from the API's classpath");
            }
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
        }
        Path lib = settings.computeCommand().getParent().getParent().resolve("enclave-compute/target/lib");
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", lib + "/*", source.toString(),
                jobFolder.resolve("result.parquet").toString(), jobFolder.resolve(ROWS_FILE).toString(), Integer.toString(maxRows)))
                .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                ComputeLauncher.destroyTree(p.toHandle());
                throw new IOException("the rows conversion did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("the rows conversion failed (exit " + p.exitValue() + ")");
            }
        } finally {
            Files.deleteIfExists(source);
        }
        try (var lines = Files.lines(jobFolder.resolve(ROWS_FILE))) {
            return lines.count() - 1;
        }
    }
}
