package org.enclave.api.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.enclave.api.catalogue.ColumnSpec;

/**
 * Writes a dataset-version folder shaped like the pseudonymiser's output: a data file, a
 * {@code quarantine.csv} and a {@code manifest.json} listing both with their sizes and SHA-256, plus
 * fields the API does not read (tool, key, dropped columns) to prove the reader tolerates them.
 */
public final class LakeFixture {

    private LakeFixture() {
    }

    public static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("pid", "binary", "identifier", "project pseudonym", null),
            new ColumnSpec("age_band", "string", "quasi-identifier", "age in 10-year bands", List.of("0-9", "10-19", "20-29", "30+")),
            new ColumnSpec("region", "string", "quasi-identifier", "region code", List.of("11", "24", "75")),
            new ColumnSpec("stay_days", "int32", "attribute", "length of stay", null),
            new ColumnSpec("cost", "decimal(10,2)", "attribute", "cost in euros", null));

    public static Path write(Path folder, List<ColumnSpec> columns) throws IOException {
        Files.createDirectories(folder);
        byte[] data = new byte[4096];
        new Random(folder.hashCode()).nextBytes(data);
        Files.write(folder.resolve("part-00000.parquet"), data);
        Files.writeString(folder.resolve("quarantine.csv"), "line,reason\n7,INVALID_NIR\n", StandardCharsets.UTF_8);
        String cols = columns.stream().map(c -> "{\"name\":\"" + c.name() + "\",\"type\":\"" + c.type() + "\",\"role\":\""
                + c.role() + "\",\"source\":\"src_" + c.name() + "\"}").collect(Collectors.joining(","));
        String manifest = """
                {"manifestVersion":1,"kind":"pseudonymised-dataset","tool":{"name":"enclave-pseudonymiser","version":"0.1.0"},
                 "dataset":"%s","schema":{"sha256":"abc","columns":[%s],"dropped":["nir"]},
                 "rows":{"in":100,"out":99,"quarantined":1},"key":{"id":"csns-master","version":3},
                 "layout":{"sortedBy":"csns","order":"unsigned-bytes","partitioning":"range","rangeBits":0,"parts":1},
                 "files":[%s,%s]}
                """.formatted(folder.getFileName(), cols, file(folder, "part-00000.parquet", "data"),
                file(folder, "quarantine.csv", "quarantine"));
        Files.writeString(folder.resolve("manifest.json"), manifest, StandardCharsets.UTF_8);
        return folder;
    }

    static String file(Path folder, String name, String role) throws IOException {
        byte[] bytes = Files.readAllBytes(folder.resolve(name));
        return "{\"name\":\"" + name + "\",\"role\":\"" + role + "\",\"rows\":1,\"bytes\":" + bytes.length
                + ",\"sha256\":\"" + sha256(bytes) + "\"}";
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
