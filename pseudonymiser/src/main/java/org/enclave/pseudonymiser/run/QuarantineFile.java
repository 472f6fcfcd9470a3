package org.enclave.pseudonymiser.run;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The quarantine: {@code row,column,reason} per rejected row, never a value from the row. Each worker appends
 * to its own part (rows ascending, since batches are handed out in order), and the parts are merged by row
 * number into {@code quarantine.csv} at the end, streaming, so memory does not grow with the number of entries.
 */
final class QuarantineFile {
    static final String HEADER = "row,column,reason";

    private QuarantineFile() {
    }

    /** One worker's part. */
    static final class Part implements AutoCloseable {
        private final Writer out;
        private final Path path;
        private long count;

        Part(Path path) throws IOException {
            this.path = path;
            this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        }

        void add(long row, String column, Reason reason) throws IOException {
            out.write(Long.toString(row));
            out.write(',');
            out.write(csv(column));
            out.write(',');
            out.write(reason.code());
            out.write('\n');
            count++;
        }

        long count() {
            return count;
        }

        Path path() {
            return path;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Result of the merge. */
    record Merged(long lines, long bytes, String sha256) { }

    static Merged merge(List<Path> parts, Path target) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long lines = 0;
        PriorityQueue<Head> heads = new PriorityQueue<>();
        try (OutputStream raw = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW);
             DigestOutputStream dos = new DigestOutputStream(raw, sha);
             BufferedWriter w = new BufferedWriter(new OutputStreamWriter(dos, StandardCharsets.UTF_8), 1 << 16)) {
            try {
                for (Path p : parts) {
                    Head h = new Head(Files.newBufferedReader(p, StandardCharsets.UTF_8));
                    if (h.advance()) {
                        heads.add(h);
                    } else {
                        h.reader.close();
                    }
                }
                w.write(HEADER);
                w.write('\n');
                while (!heads.isEmpty()) {
                    Head h = heads.poll();
                    w.write(h.line);
                    w.write('\n');
                    lines++;
                    if (h.advance()) {
                        heads.add(h);
                    } else {
                        h.reader.close();
                    }
                }
            } finally {
                for (Head h : heads) {
                    h.reader.close();
                }
            }
        }
        return new Merged(lines, Files.size(target), HexFormat.of().formatHex(sha.digest()));
    }

    private static final class Head implements Comparable<Head> {
        final BufferedReader reader;
        String line;
        long row;

        Head(BufferedReader reader) {
            this.reader = reader;
        }

        boolean advance() throws IOException {
            line = reader.readLine();
            if (line == null) {
                return false;
            }
            row = Long.parseLong(line.substring(0, line.indexOf(',')));
            return true;
        }

        @Override
        public int compareTo(Head o) {
            return Long.compare(row, o.row);
        }
    }

    /** RFC 4180 quoting of a column name (names come from the schema, not from row values). */
    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
