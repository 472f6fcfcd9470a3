package org.enclave.compute.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes {@code report.json} last and atomically: to a temporary file in the same folder, flushed to
 * disk, then moved into place. A reader that sees {@code report.json} sees a complete report, and
 * every output it names is already there. The temporary file is created owner-only ({@code rw-------}
 * on POSIX filesystems, {@link Files#createTempFile}'s default) and keeps those permissions: an aggregate's
 * report carries disclosive cell statistics (docs/job-contract.md).
 */
public final class ReportWriter {

    public static final String REPORT = "report.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static Path write(Path outputDir, JobReport report) {
        try {
            Files.createDirectories(outputDir);
            Path tmp = Files.createTempFile(outputDir, ".report-", ".json.tmp");
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                JSON.writeValue(out, report.toJson());
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Path target = outputDir.resolve(REPORT);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + REPORT + " in " + outputDir, e);
        }
    }
}
