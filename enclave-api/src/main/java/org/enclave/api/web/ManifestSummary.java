package org.enclave.api.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a steward reads from a registered version's {@code manifest.json} (docs/pseudonymiser.md): the row
 * accounting, the quarantine counts per reason, the key and tool, and whether the manifest is still
 * the one that was verified at registration. Display only: the catalogue verified it when registering.
 *
 * @param present      the manifest could be read
 * @param unchanged    its SHA-256 is the one recorded at registration
 * @param rowsIn       rows read by the pseudonymiser, or -1
 * @param rowsOut      rows written, or -1
 * @param quarantined  rows quarantined, or -1
 * @param reasons      quarantine counts per reason code (empty when the manifest lists none)
 */
public record ManifestSummary(boolean present, boolean unchanged, long rowsIn, long rowsOut, long quarantined,
                              Map<String, Long> reasons, String keyId, String keyVersion, String tool, int files) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Whether {@code in = out + quarantined}, the pseudonymiser's invariant. */
    public boolean balanced() {
        return present && rowsIn >= 0 && rowsIn == rowsOut + quarantined;
    }

    static ManifestSummary read(Path folder, String registeredSha256) {
        Path file = folder.resolve("manifest.json");
        try {
            byte[] bytes = Files.readAllBytes(file);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            JsonNode m = JSON.readTree(bytes);
            Map<String, Long> reasons = new TreeMap<>();
            m.path("quarantineReasons").properties().forEach(e -> reasons.put(e.getKey(), e.getValue().asLong(0)));
            JsonNode key = m.path("key");
            JsonNode tool = m.path("tool");
            String toolText = tool.isObject() ? (tool.path("name").asString("") + " " + tool.path("version").asString("")).trim() : "";
            return new ManifestSummary(true, sha.equals(registeredSha256), m.path("rows").path("in").asLong(-1),
                    m.path("rows").path("out").asLong(-1), m.path("rows").path("quarantined").asLong(-1), reasons,
                    key.path("id").asString(""), key.path("version").asString(""), toolText, m.path("files").size());
        } catch (IOException | JacksonException | NoSuchAlgorithmException e) {
            return new ManifestSummary(false, false, -1, -1, -1, Map.of(), "", "", "", 0);
        }
    }
}
