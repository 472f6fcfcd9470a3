package org.enclave.api.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks a release package offline, with nothing but the package and the enclave's public key
 * (docs/release-package.md, "Verifying"). In this order, stopping at the first problem:
 * <ol>
 *   <li>the package can be read (a folder, or a zip with no absolute, {@code ..} or duplicate entry);</li>
 *   <li>{@code checksums.sha256} and {@code signature.ed25519} are present;</li>
 *   <li>the signature is the key's Ed25519 signature of the checksums file's exact bytes;</li>
 *   <li>every line of the checksums file is well formed, names a file that exists, with that SHA-256;</li>
 *   <li>no other file is present.</li>
 * </ol>
 * Pure: no Spring, no database, no network.
 */
public final class ReleaseVerifier {

    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  ([^\\n]+)");
    private static final long MAX_BYTES = 1L << 30;

    /** The verdict: valid, or the first problem found. */
    public record Result(boolean valid, String problem, int files) {
        static Result invalid(String problem) {
            return new Result(false, problem, 0);
        }

        public String summary() {
            return valid ? "valid: " + files + " files, checksums signed by the enclave's release key" : "INVALID: " + problem;
        }
    }

    private ReleaseVerifier() {
    }

    public static Result verify(Path pkg, ReleasePublicKey key) {
        Map<String, byte[]> files;
        try {
            files = Files.isDirectory(pkg) ? readFolder(pkg) : readZip(pkg);
        } catch (IOException | IllegalArgumentException e) {
            return Result.invalid("cannot read package " + pkg.getFileName() + ": " + e.getMessage());
        }
        return verify(files, key);
    }

    /** Verifies files already read: path (with {@code /}) to content. */
    public static Result verify(Map<String, byte[]> files, ReleasePublicKey key) {
        byte[] checksums = files.get(ReleasePackage.CHECKSUMS);
        if (checksums == null) {
            return Result.invalid("missing file " + ReleasePackage.CHECKSUMS);
        }
        byte[] signature = files.get(ReleasePackage.SIGNATURE);
        if (signature == null) {
            return Result.invalid("missing file " + ReleasePackage.SIGNATURE);
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(new String(signature, StandardCharsets.US_ASCII).trim());
        } catch (IllegalArgumentException e) {
            return Result.invalid("bad signature: " + ReleasePackage.SIGNATURE + " is not base64");
        }
        if (sig.length != 64 || !key.verifies(checksums, sig)) {
            return Result.invalid("bad signature: " + ReleasePackage.CHECKSUMS + " is not signed by key " + key.keyId());
        }
        SortedMap<String, String> listed = new TreeMap<>();
        List<String> lines = new String(checksums, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            if (!m.matches()) {
                return Result.invalid(ReleasePackage.CHECKSUMS + " line " + (i + 1) + " is malformed");
            }
            if (listed.put(m.group(2), m.group(1)) != null) {
                return Result.invalid(ReleasePackage.CHECKSUMS + " lists " + m.group(2) + " twice");
            }
        }
        for (Map.Entry<String, String> e : listed.entrySet()) {
            byte[] content = files.get(e.getKey());
            if (content == null) {
                return Result.invalid("missing file " + e.getKey());
            }
            if (!ReleasePackage.sha256(content).equals(e.getValue())) {
                return Result.invalid("checksum mismatch: " + e.getKey() + " has been changed");
            }
        }
        for (String name : new TreeMap<>(files).keySet()) {
            if (!listed.containsKey(name) && !name.equals(ReleasePackage.CHECKSUMS) && !name.equals(ReleasePackage.SIGNATURE)) {
                return Result.invalid("extra file " + name + " is not in " + ReleasePackage.CHECKSUMS);
            }
        }
        return new Result(true, null, files.size());
    }

    private static Map<String, byte[]> readFolder(Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted().toList()) {
                if (Files.isSymbolicLink(p)) {
                    throw new IllegalArgumentException("symbolic link " + dir.relativize(p));
                }
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    total += Files.size(p);
                    if (total > MAX_BYTES) {
                        throw new IllegalArgumentException("larger than " + MAX_BYTES + " bytes");
                    }
                    files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    private static Map<String, byte[]> readZip(Path zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (name.startsWith("/") || name.contains("\\") || List.of(name.split("/")).contains("..")) {
                    throw new IllegalArgumentException("unsafe entry name " + name);
                }
                if (e.isDirectory()) {
                    continue;
                }
                try (InputStream in = z.getInputStream(e)) {
                    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES - total + 1));
                    total += bytes.length;
                    if (total > MAX_BYTES) {
                        throw new IllegalArgumentException("larger than " + MAX_BYTES + " bytes");
                    }
                    if (files.put(name, bytes) != null) {
                        throw new IllegalArgumentException("duplicate entry " + name);
                    }
                }
            }
        }
        return files;
    }
}
