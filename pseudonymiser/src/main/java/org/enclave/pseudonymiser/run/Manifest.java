package org.enclave.pseudonymiser.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;
import org.enclave.pseudonymiser.schema.DatasetSchema;
import org.enclave.pseudonymiser.schema.OutputColumn;

/**
 * {@code manifest.json}, format version {@value #VERSION} (docs/pseudonymiser.md, "Manifest"). Built as a JSON tree
 * so the field order is the documented one. Holds counts, names, checksums and key ids, never a value from a row.
 */
public final class Manifest {
    /** IMPORTANT: bump when a field changes meaning or disappears; readers check it. */
    public static final int VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Manifest() {
    }

    static ObjectNode newManifest(DatasetSchema schema) {
        ObjectNode m = JSON.createObjectNode();
        m.put("manifestVersion", VERSION);
        m.put("kind", "pseudonymised-dataset");
        ObjectNode tool = m.putObject("tool");
        tool.put("name", "enclave-pseudonymiser");
        tool.put("version", toolVersion());
        m.put("dataset", schema.dataset());
        return m;
    }

    static void putSchema(ObjectNode m, DatasetSchema schema, String schemaSha256) {
        ObjectNode s = m.putObject("schema");
        if (schemaSha256 != null) {
            s.put("sha256", schemaSha256);
        }
        ArrayNode cols = s.putArray("columns");
        for (OutputColumn c : schema.outputColumns()) {
            ObjectNode o = cols.addObject();
            o.put("name", c.name());
            o.put("type", c.type().parquet(c.scale()));
            o.put("role", c.role().yaml());
            o.put("source", c.source());
            o.put("generalise", c.generalisation());
        }
        ArrayNode dropped = s.putArray("dropped");
        schema.droppedColumns().forEach(dropped::add);
    }

    static void putFile(ArrayNode files, String name, String role, long rows, long bytes, String sha256) {
        ObjectNode f = files.addObject();
        f.put("name", name);
        f.put("role", role);
        f.put("rows", rows);
        f.put("bytes", bytes);
        f.put("sha256", sha256);
    }

    static void write(ObjectNode m, Path file) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(m);
        Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }

    /** Reads a manifest and checks its version. */
    public static JsonNode read(Path file) throws IOException, RunFailedException {
        JsonNode m = JSON.readTree(file.toFile());
        if (m == null || !m.path("manifestVersion").isInt()) {
            throw new RunFailedException(file + " is not a pseudonymiser manifest");
        }
        if (m.get("manifestVersion").asInt() != VERSION) {
            throw new RunFailedException(file + " has manifest version " + m.get("manifestVersion").asInt()
                + "; this tool reads version " + VERSION);
        }
        return m;
    }

    static List<JsonNode> files(JsonNode manifest) {
        return manifest.path("files").isArray() ? iterable(manifest.get("files")) : List.of();
    }

    private static List<JsonNode> iterable(JsonNode array) {
        java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** The tool version from the build. */
    public static String toolVersion() {
        try (InputStream in = Manifest.class.getResourceAsStream("/org/enclave/pseudonymiser/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
