package org.enclave.pseudonymiser.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.enclave.pseudonymiser.csns.CsnsRekey;
import org.enclave.pseudonymiser.io.DigestingOutputFile;
import org.enclave.pseudonymiser.key.MasterKeyChain;
import org.enclave.pseudonymiser.schema.DatasetSchema;

/**
 * Key renewal without the NIRs: reads a verified run whose CSNS are at key version v and writes a new run at the
 * keystore's latest version, applying {@code csns' = HMAC(K_(v+1), csns)} ... up to the latest (see
 * {@link CsnsRekey}). Other columns and the quarantine are copied unchanged; the new manifest records the old
 * version and the old manifest's SHA-256 under {@code rekeyedFrom}.
 */
public final class Rekeyer {
    private Rekeyer() {
    }

    /**
     * @throws UsageException     input is not a finished run, or is already at the latest key version, or belongs to
     *                            another key id
     * @throws RunFailedException the input does not verify, or writing failed
     */
    public static RunResult rekey(Path input, MasterKeyChain keys, Path output, boolean replace)
            throws UsageException, RunFailedException {
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        Verifier.Report report = Verifier.verify(input);
        if (!report.ok()) {
            throw new RunFailedException("input run does not verify (" + report.problems().get(0)
                + "); refusing to re-key it");
        }
        JsonNode old;
        String oldSha;
        try {
            old = Manifest.read(input.resolve(OutputFolder.MANIFEST));
            oldSha = Pseudonymiser.fileSha256(input.resolve(OutputFolder.MANIFEST));
        } catch (IOException e) {
            throw new RunFailedException("cannot read the input manifest");
        }
        String keyId = old.path("key").path("id").asText();
        int from = old.path("key").path("version").asInt();
        if (!keyId.equals(keys.keyId())) {
            throw new UsageException("input run was made with key id " + keyId + " but the keystore holds "
                + keys.keyId());
        }
        int to = keys.latest().version();
        if (from >= to) {
            throw new UsageException("input run is already at key version " + from + ", the keystore's latest;"
                + " create a new version first with: pseudonymiser keygen --rotate");
        }
        CsnsRekey rekey = CsnsRekey.between(keys, from, to);
        CompressionCodecName codec = CompressionCodecName.valueOf(old.path("output").path("compression").asText("ZSTD"));
        OutputFolder folder;
        try {
            folder = OutputFolder.prepare(output, replace);
        } catch (IOException e) {
            throw new RunFailedException("cannot create the output folder: " + e.getClass().getSimpleName());
        }
        try {
            ObjectNode m = old.deepCopy();
            ArrayNode files = m.putArray("files");
            List<String> names = new ArrayList<>();
            for (JsonNode f : Manifest.files(old)) {
                String name = f.path("name").asText();
                Path src = input.resolve(name);
                Path dst = folder.temp().resolve(name);
                if ("data".equals(f.path("role").asText())) {
                    DigestingOutputFile file = new DigestingOutputFile(dst);
                    long rows = copyRekeyed(src, file, rekey, codec, keys.keyId(), to);
                    Manifest.putFile(files, name, "data", rows, file.size(), file.sha256Hex());
                } else {
                    Files.copy(src, dst);
                    Manifest.putFile(files, name, f.path("role").asText(), f.path("rows").asLong(), Files.size(dst),
                        Pseudonymiser.fileSha256(dst));
                }
                names.add(name);
            }
            ObjectNode key = m.putObject("key");
            key.put("id", keys.keyId());
            key.put("version", to);
            ((ObjectNode) m.get("tool")).put("version", Manifest.toolVersion());
            ObjectNode from0 = m.putObject("rekeyedFrom");
            from0.put("keyVersion", from);
            from0.put("manifestSha256", oldSha);
            double seconds = (System.nanoTime() - t0) / 1e9;
            ObjectNode t = m.putObject("timings");
            t.put("startedAt", started.toString());
            t.put("finishedAt", Instant.now().toString());
            t.put("seconds", Math.round(seconds * 1000) / 1000.0);
            Manifest.write(m, folder.temp().resolve(OutputFolder.MANIFEST));
            folder.publish(names);
            return new RunResult(folder.output(), report.rowsIn(), report.rowsOut(), report.rowsQuarantined(),
                Map.of(), Map.of(), keys.latest(), seconds);
        } catch (IOException | RuntimeException e) {
            folder.abort();
            throw new RunFailedException("re-keying failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static long copyRekeyed(Path src, DigestingOutputFile dst, CsnsRekey rekey, CompressionCodecName codec,
                                    String keyId, int version) throws IOException {
        long rows = 0;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(src))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            Map<String, String> meta = new HashMap<>();
            reader.getFooter().getFileMetaData().getKeyValueMetaData().forEach((k, v) -> {
                if (k.startsWith("enclave.")) {
                    meta.put(k, v); // Parquet's own keys (writer.model.name) are reserved to the writer
                }
            });
            meta.put("enclave.key.id", keyId);
            meta.put("enclave.key.version", Integer.toString(version));
            int csns = schema.getFieldIndex(DatasetSchema.CSNS_COLUMN);
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(dst)
                    .withConf(new Configuration(false))
                    .withType(schema)
                    .withExtraMetaData(meta)
                    .withCompressionCodec(codec)
                    .withDictionaryEncoding(DatasetSchema.CSNS_COLUMN, false)
                    .withStatisticsEnabled(DatasetSchema.CSNS_COLUMN, false)
                    .build()) {
                PageReadStore pages;
                while ((pages = reader.readNextRowGroup()) != null) {
                    RecordReader<Group> rr = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                    for (long i = 0, n = pages.getRowCount(); i < n; i++) {
                        Group g = rr.read();
                        Group copy = new SimpleGroup(schema);
                        for (int f = 0; f < schema.getFieldCount(); f++) {
                            if (g.getFieldRepetitionCount(f) == 0) {
                                continue;
                            }
                            PrimitiveType t = schema.getType(f).asPrimitiveType();
                            switch (t.getPrimitiveTypeName()) {
                                case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                                    if (f == csns) {
                                        byte[] v = g.getBinary(f, 0).getBytes();
                                        rekey.apply(v, 0);
                                        copy.add(f, Binary.fromConstantByteArray(v));
                                    } else {
                                        copy.add(f, g.getBinary(f, 0));
                                    }
                                }
                                case INT32 -> copy.add(f, g.getInteger(f, 0));
                                case INT64 -> copy.add(f, g.getLong(f, 0));
                                case BOOLEAN -> copy.add(f, g.getBoolean(f, 0));
                                case FLOAT -> copy.add(f, g.getFloat(f, 0));
                                case DOUBLE -> copy.add(f, g.getDouble(f, 0));
                                default -> throw new IllegalStateException("unexpected column type in a run");
                            }
                        }
                        writer.write(copy);
                        rows++;
                    }
                }
            }
        }
        return rows;
    }
}
