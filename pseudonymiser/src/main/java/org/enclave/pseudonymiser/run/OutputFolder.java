package org.enclave.pseudonymiser.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Atomic publication of a run. Everything is written into a sibling folder {@code <output>.tmp-<random>} (same
 * filesystem), then moved file by file into {@code <output>}, {@code manifest.json} last. A folder holding a
 * {@code manifest.json} is a finished run; without one it is not, so a crash at any point never leaves output
 * that looks finished. A crashed run leaves only its {@code .tmp-} folder, which may be deleted.
 */
public final class OutputFolder {
    public static final String MANIFEST = "manifest.json";
    public static final String QUARANTINE = "quarantine.csv";
    /** Files a run writes; only these may be removed by {@code --replace}. */
    private static final Pattern OURS = Pattern.compile("part-\\d{5}\\.parquet|quarantine\\.csv|manifest\\.json");

    private final Path output;
    private final Path temp;
    private final boolean replace;
    private boolean published;

    private OutputFolder(Path output, Path temp, boolean replace) {
        this.output = output;
        this.temp = temp;
        this.replace = replace;
    }

    /**
     * Checks that {@code output} may receive a run and creates the temporary folder.
     *
     * @throws UsageException if the output holds a finished run and {@code replace} is false, or holds files that
     *     are not a run's
     */
    public static OutputFolder prepare(Path output, boolean replace) throws UsageException, IOException {
        Path out = output.toAbsolutePath().normalize();
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new UsageException("output " + output + " exists and is not a folder");
            }
            List<String> foreign = new ArrayList<>();
            try (Stream<Path> s = Files.list(out)) {
                s.forEach(p -> {
                    if (!OURS.matcher(p.getFileName().toString()).matches()) {
                        foreign.add(p.getFileName().toString());
                    }
                });
            }
            if (!foreign.isEmpty()) {
                throw new UsageException("output folder " + output + " holds files that are not a pseudonymiser run"
                    + " (e.g. " + foreign.get(0) + "); choose an empty or new folder");
            }
            if (Files.exists(out.resolve(MANIFEST)) && !replace) {
                throw new UsageException("output folder " + output + " already holds a finished run;"
                    + " pass --replace to replace it");
            }
            if (!isEmpty(out) && !replace) {
                throw new UsageException("output folder " + output + " holds the files of an unfinished run;"
                    + " pass --replace to clear it");
            }
        }
        Path parent = out.getParent();
        Files.createDirectories(parent);
        byte[] r = new byte[6];
        new SecureRandom().nextBytes(r);
        Path temp = parent.resolve(out.getFileName() + ".tmp-" + HexFormat.of().formatHex(r));
        Files.createDirectory(temp);
        return new OutputFolder(out, temp, replace);
    }

    public Path temp() {
        return temp;
    }

    public Path output() {
        return output;
    }

    /**
     * Moves {@code files} (names inside the temporary folder) into the output folder, then the manifest, then
     * removes the temporary folder. With replace, the old manifest goes first, so that the folder stops looking
     * finished before any old file is touched.
     */
    public void publish(List<String> files) throws IOException {
        Files.createDirectories(output);
        if (replace) {
            Files.deleteIfExists(output.resolve(MANIFEST));
            fsync(output);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(output)) {
                for (Path p : ds) {
                    if (OURS.matcher(p.getFileName().toString()).matches()) {
                        Files.delete(p);
                    }
                }
            }
        }
        for (String f : files) {
            move(temp.resolve(f), output.resolve(f));
        }
        fsync(output);
        move(temp.resolve(MANIFEST), output.resolve(MANIFEST));
        fsync(output);
        published = true;
        deleteTree(temp);
    }

    /** Removes the temporary folder after a failure (no-op after publish). */
    public void abort() {
        if (!published) {
            try {
                deleteTree(temp);
            } catch (IOException ignored) {
                // best effort: a left-over .tmp- folder never looks like a finished run
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    static void fsync(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every platform can sync a directory; the moves are still atomic
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
