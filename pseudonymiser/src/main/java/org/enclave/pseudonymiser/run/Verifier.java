package org.enclave.pseudonymiser.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Re-reads a published run and checks it against its manifest: every listed file present with its size and
 * SHA-256, Parquet row counts (from the footers) and quarantine lines as recorded, the accounting invariant,
 * and no unlisted data file.
 */
public final class Verifier {

    /** What was found; {@link #ok()} when there is no problem. */
    public record Report(List<String> problems, long rowsIn, long rowsOut, long rowsQuarantined, int files) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private Verifier() {
    }

    /**
     * @throws UsageException     if {@code folder} holds no manifest (not a finished run)
     * @throws RunFailedException if the manifest cannot be read
     */
    public static Report verify(Path folder) throws UsageException, RunFailedException {
        Path manifestFile = folder.resolve(OutputFolder.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new UsageException(folder + " holds no " + OutputFolder.MANIFEST + ": not a finished run");
        }
        JsonNode m;
        try {
            m = Manifest.read(manifestFile);
        } catch (IOException e) {
            throw new RunFailedException("cannot read " + manifestFile + ": not valid JSON");
        }
        List<String> problems = new ArrayList<>();
        long in = m.path("rows").path("in").asLong(-1);
        long out = m.path("rows").path("out").asLong(-1);
        long q = m.path("rows").path("quarantined").asLong(-1);
        if (in < 0 || out < 0 || q < 0) {
            problems.add("manifest lacks rows.in, rows.out or rows.quarantined");
        } else if (in != out + q) {
            problems.add("rows.in (" + in + ") != rows.out (" + out + ") + rows.quarantined (" + q + ")");
        }
        long dataRows = 0;
        long quarantineRows = 0;
        Set<String> listed = new HashSet<>();
        for (JsonNode f : Manifest.files(m)) {
            String name = f.path("name").asText();
            listed.add(name);
            Path p = folder.resolve(name).normalize();
            if (!p.getParent().equals(folder.normalize()) || !Files.isRegularFile(p)) {
                problems.add(name + ": missing");
                continue;
            }
            try {
                long size = Files.size(p);
                if (size != f.path("bytes").asLong(-1)) {
                    problems.add(name + ": size " + size + " but manifest says " + f.path("bytes").asLong());
                }
                String sha = Pseudonymiser.fileSha256(p);
                if (!sha.equals(f.path("sha256").asText())) {
                    problems.add(name + ": SHA-256 does not match the manifest");
                }
                long rows = f.path("rows").asLong(-1);
                if ("data".equals(f.path("role").asText())) {
                    long actual = parquetRows(p);
                    if (actual != rows) {
                        problems.add(name + ": " + actual + " rows but manifest says " + rows);
                    }
                    dataRows += actual;
                } else if ("quarantine".equals(f.path("role").asText())) {
                    long actual = quarantineLines(p, problems);
                    if (actual != rows) {
                        problems.add(name + ": " + actual + " entries but manifest says " + rows);
                    }
                    quarantineRows += actual;
                }
            } catch (IOException | RuntimeException e) {
                problems.add(name + ": unreadable (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (out >= 0 && dataRows != out) {
            problems.add("data files hold " + dataRows + " rows but rows.out is " + out);
        }
        if (q >= 0 && quarantineRows != q) {
            problems.add("quarantine holds " + quarantineRows + " entries but rows.quarantined is " + q);
        }
        try (Stream<Path> s = Files.list(folder)) {
            s.map(p -> p.getFileName().toString())
                .filter(n -> !n.equals(OutputFolder.MANIFEST) && !listed.contains(n))
                .sorted()
                .forEach(n -> problems.add(n + ": present but not listed in the manifest"));
        } catch (IOException e) {
            problems.add("cannot list " + folder);
        }
        return new Report(problems, in, out, q, listed.size());
    }

    static long parquetRows(Path p) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(p))) {
            return r.getRecordCount();
        }
    }

    private static long quarantineLines(Path p, List<String> problems) throws IOException {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (!QuarantineFile.HEADER.equals(header)) {
                problems.add(p.getFileName() + ": header is not '" + QuarantineFile.HEADER + "'");
            }
            while (r.readLine() != null) {
                n++;
            }
        }
        return n;
    }
}
