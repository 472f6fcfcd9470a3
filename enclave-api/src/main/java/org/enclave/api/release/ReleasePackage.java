package org.enclave.api.release;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.enclave.api.platform.InvariantViolation;

/**
 * A signed release package (docs/release-package.md): the content files, {@code checksums.sha256}
 * (sha256sum format over every content file) and {@code signature.ed25519} (the base64 detached
 * Ed25519 signature of the checksums file's exact bytes). Written as a folder and as a zip of it
 * (entries in name order, fixed timestamps: the same package gives the same zip bytes).
 */
final class ReleasePackage {

    static final String CHECKSUMS = "checksums.sha256";
    static final String SIGNATURE = "signature.ed25519";
    /** A fixed entry time (2000-01-01T00:00:00Z), so that zips are reproducible. */
    private static final long ZIP_TIME = 946_684_800_000L;

    private ReleasePackage() {
    }

    /** The content plus its checksums and signature. */
    static SortedMap<String, byte[]> sign(Map<String, byte[]> content, ReleaseSigningKey key) {
        SortedMap<String, byte[]> files = new TreeMap<>(content);
        if (files.containsKey(CHECKSUMS) || files.containsKey(SIGNATURE)) {
            throw new InvariantViolation("package content may not hold its own checksums or signature");
        }
        byte[] checksums = checksums(files).getBytes(StandardCharsets.UTF_8);
        files.put(CHECKSUMS, checksums);
        files.put(SIGNATURE, (Base64.getEncoder().encodeToString(key.sign(checksums)) + "\n").getBytes(StandardCharsets.US_ASCII));
        return files;
    }

    /** sha256sum's text format: {@code <64 hex>  <path>\n}, paths in byte order, {@code /} separators. */
    static String checksums(SortedMap<String, byte[]> files) {
        StringBuilder out = new StringBuilder();
        files.forEach((name, bytes) -> out.append(sha256(bytes)).append("  ").append(name).append('\n'));
        return out.toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new InvariantViolation("SHA-256 unavailable", e);
        }
    }

    /** Writes the files into {@code dir}, replacing whatever was there. */
    static void writeFolder(Path dir, SortedMap<String, byte[]> files) {
        try {
            deleteTree(dir);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = dir.resolve(f.getKey()).normalize();
                if (!target.startsWith(dir)) {
                    throw new InvariantViolation("package path escapes its folder: " + f.getKey());
                }
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write release package " + dir.getFileName(), e);
        }
    }

    static byte[] zip(SortedMap<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                ZipEntry entry = new ZipEntry(f.getKey());
                entry.setTime(ZIP_TIME);
                zip.putNextEntry(entry);
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
