package org.enclave.api.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.enclave.api.platform.DomainException;
import org.enclave.api.platform.InvariantViolation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks a pseudonymiser output folder's {@code manifest.json} (docs/api.md, "Lake
 * manifest"). Tolerant of fields it does not know; strict on what it checks:
 * <ul>
 *   <li>the manifest is present, is JSON, has {@code manifestVersion} 1;</li>
 *   <li>{@code rows.in = rows.out + rows.quarantined};</li>
 *   <li>every listed file ({@code files[].name}, {@code bytes}, {@code sha256}) exists inside the folder,
 *       has that size and that SHA-256;</li>
 *   <li>{@code schema.columns} (name, type, role) is exactly the declared schema, in any order.</li>
 * </ul>
 * This is the one class that reads the pseudonymiser's manifest format (docs/pseudonymiser.md).
 */
public final class LakeManifest {

    public static final String FILE = "manifest.json";
    public static final int SUPPORTED_VERSION = 1;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** What the catalogue keeps from a verified manifest. */
    public record Verified(String manifestSha256, long rowsOut, String dataset, int files) {
    }

    private LakeManifest() {
    }

    /**
     * @throws DomainException.Invalid (field {@code location} or {@code columns}) naming what failed
     */
    public static Verified verify(Path folder, List<ColumnSpec> declared) {
        Path manifestFile = folder.resolve(FILE);
        if (!Files.isRegularFile(manifestFile)) {
            throw reject("location", "no " + FILE + " in the dataset version's folder");
        }
        JsonNode m;
        String manifestSha;
        try {
            byte[] bytes = Files.readAllBytes(manifestFile);
            manifestSha = HexFormat.of().formatHex(sha256().digest(bytes));
            m = JSON.readTree(bytes);
        } catch (IOException | JacksonException e) {
            throw reject("location", FILE + " is not readable JSON");
        }
        if (m == null || !m.path("manifestVersion").isInt() || m.path("manifestVersion").asInt() != SUPPORTED_VERSION) {
            throw reject("location", FILE + " has no supported manifestVersion (expected " + SUPPORTED_VERSION + ")");
        }
        JsonNode rows = m.path("rows");
        long in = rows.path("in").asLong(-1);
        long out = rows.path("out").asLong(-1);
        long quarantined = rows.path("quarantined").asLong(-1);
        if (in < 0 || out < 0 || quarantined < 0 || in != out + quarantined) {
            throw reject("location", FILE + ": rows.in must equal rows.out + rows.quarantined");
        }
        int files = checkFiles(folder, m.path("files"));
        checkSchema(m.path("schema").path("columns"), declared);
        return new Verified(manifestSha, out, m.path("dataset").asString(""), files);
    }

    private static int checkFiles(Path folder, JsonNode files) {
        if (!files.isArray() || files.isEmpty()) {
            throw reject("location", FILE + " lists no files");
        }
        Path root = folder.toAbsolutePath().normalize();
        int count = 0;
        for (JsonNode f : files) {
            String name = f.path("name").asString("");
            String expectedSha = f.path("sha256").asString("").toLowerCase();
            long expectedBytes = f.path("bytes").asLong(-1);
            Path file = root.resolve(name).normalize();
            if (name.isBlank() || !file.startsWith(root) || file.equals(root)) {
                throw reject("location", FILE + " lists a file outside the folder: '" + name + "'");
            }
            if (!Files.isRegularFile(file)) {
                throw reject("location", "file listed in " + FILE + " is missing: " + name);
            }
            try {
                if (expectedBytes >= 0 && Files.size(file) != expectedBytes) {
                    throw reject("location", "file " + name + " does not have the size in " + FILE);
                }
                if (!sha256Of(file).equals(expectedSha)) {
                    throw reject("location", "file " + name + " does not match its SHA-256 in " + FILE);
                }
            } catch (IOException e) {
                throw reject("location", "file " + name + " cannot be read");
            }
            count++;
        }
        return count;
    }

    private static void checkSchema(JsonNode columns, List<ColumnSpec> declared) {
        if (!columns.isArray()) {
            throw reject("columns", FILE + " has no schema.columns");
        }
        Map<String, JsonNode> actual = new HashMap<>();
        for (JsonNode c : columns) {
            actual.put(c.path("name").asString(""), c);
        }
        List<String> problems = new ArrayList<>();
        for (ColumnSpec d : declared) {
            JsonNode c = actual.remove(d.name());
            if (c == null) {
                problems.add(d.name() + " is declared but not in the manifest");
            } else {
                if (!ColumnType.normalise(c.path("type").asString("")).equals(ColumnType.normalise(d.type()))) {
                    problems.add(d.name() + " has type " + c.path("type").asString("?") + " in the manifest, declared " + d.type());
                }
                String role = c.path("role").asString("");
                if (role.isBlank() || ColumnRole.parse("columns", role) != ColumnRole.parse("columns", d.role())) {
                    problems.add(d.name() + " has role " + role + " in the manifest, declared " + d.role());
                }
            }
        }
        actual.keySet().stream().sorted().forEach(n -> problems.add(n + " is in the manifest but not declared"));
        if (!problems.isEmpty()) {
            throw reject("columns", "declared schema does not match " + FILE + ": " + String.join("; ", problems));
        }
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new InvariantViolation("SHA-256 missing", e);
        }
    }

    private static DomainException.Invalid reject(String field, String message) {
        return new DomainException.Invalid(field, "manifest rejected: " + message);
    }
}
