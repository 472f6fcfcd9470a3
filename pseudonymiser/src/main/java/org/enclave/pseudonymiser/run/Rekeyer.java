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
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.enclave.pseudonymiser.csns.CsnsRekey;
import org.enclave.pseudonymiser.io.OutputRow;
import org.enclave.pseudonymiser.io.Spill;
import org.enclave.pseudonymiser.io.SpillCodec;
import org.enclave.pseudonymiser.key.MasterKeyChain;
import org.enclave.pseudonymiser.schema.DatasetSchema;

/**
 * Key renewal without the NIRs: reads a verified run whose CSNS are at key version v and writes a new run at the
 * keystore's latest version, applying {@code csns' = HMAC(K_(v+1), csns)} ... up to the latest (see
 * {@link CsnsRekey}). Other columns and the quarantine are copied unchanged; the new manifest records the old
 * version and the old manifest's SHA-256 under {@code rekeyedFrom}.
 *
 * <p>New CSNS values have a new order, so the rows are not copied part by part: they are re-keyed into a spill and
 * written as new range-partitioned, sorted parts ({@link SortedParts}), the same layout as a run's. An input made
 * before runs were sorted is re-keyed into that layout too.
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
        return rekey(input, keys, output, replace, 0);
    }

    /** Tests: {@code partTargetBytes} (if positive) replaces the part size derived from the heap. */
    static RunResult rekey(Path input, MasterKeyChain keys, Path output, boolean replace, long partTargetBytes)
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
            List<Path> data = new ArrayList<>();
            for (JsonNode f : Manifest.files(old)) {
                if ("data".equals(f.path("role").asText())) {
                    data.add(input.resolve(f.path("name").asText()));
                }
            }
            if (data.isEmpty()) {
                m.remove("layout");
            } else {
                int threads = Runtime.getRuntime().availableProcessors();
                int bits = rekeyData(data, folder.temp(), rekey, codec, keys.keyId(), to, threads, partTargetBytes,
                    files, names);
                SortedParts.putLayout(m, bits); // in place of the input's layout, if it had one
            }
            long written = 0;
            for (JsonNode f : files) {
                written += f.path("rows").asLong();
            }
            // IMPORTANT: nothing is lost. A mismatch is a bug.
            if (written != report.rowsOut()) {
                throw new RunFailedException("internal error (a bug): re-keyed " + written + " rows but the input"
                    + " holds " + report.rowsOut() + "; nothing was published");
            }
            for (JsonNode f : Manifest.files(old)) {
                if ("data".equals(f.path("role").asText())) {
                    continue;
                }
                String name = f.path("name").asText();
                Path dst = folder.temp().resolve(name);
                Files.copy(input.resolve(name), dst);
                Manifest.putFile(files, name, f.path("role").asText(), f.path("rows").asLong(), Files.size(dst),
                    Pseudonymiser.fileSha256(dst));
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
        } catch (RunFailedException e) {
            folder.abort();
            throw e;
        } catch (IOException | RuntimeException e) {
            folder.abort();
            throw new RunFailedException("re-keying failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Re-keys the rows of the {@code data} parts into a spill, then writes them as sorted parts into {@code dir},
     * adding them to {@code files} and {@code names}.
     *
     * @return the parts' range bits
     */
    private static int rekeyData(List<Path> data, Path dir, CsnsRekey rekey, CompressionCodecName codec, String keyId,
                                 int version, int threads, long partTargetBytes, ArrayNode files,
                                 List<String> names)
            throws IOException, RunFailedException {
        MessageType schema;
        Map<String, String> meta = new HashMap<>();
        long estimate = 0;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(data.get(0)))) {
            schema = reader.getFooter().getFileMetaData().getSchema();
            reader.getFooter().getFileMetaData().getKeyValueMetaData().forEach((k, v) -> {
                if (k.startsWith("enclave.")) {
                    meta.put(k, v); // Parquet's own keys (writer.model.name) are reserved to the writer
                }
            });
        }
        for (Path p : data) {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(p))) {
                for (BlockMetaData b : reader.getFooter().getBlocks()) {
                    estimate += b.getTotalByteSize();
                }
            }
        }
        meta.put("enclave.key.id", keyId);
        meta.put("enclave.key.version", Integer.toString(version));
        SpillCodec spillCodec = new SpillCodec(schema);
        // uncompressed Parquet is a little larger than the spill format: the estimate is generous enough
        SortedParts.Plan plan = SortedParts.Plan.of(2 * estimate, threads, Runtime.getRuntime().maxMemory(),
            partTargetBytes);
        try (Spill spill = new Spill(dir.resolve("spill-0.bin"), spillCodec, plan.fineBits(), plan.chunkBytes())) {
            OutputRow row = new OutputRow(schema.getFieldCount());
            int csns = schema.getFieldIndex(DatasetSchema.CSNS_COLUMN);
            for (Path p : data) {
                spillRekeyed(p, schema, csns, rekey, spill, row);
            }
            spill.finish();
            List<Spill> spills = List.of(spill);
            int bits = SortedParts.chooseBits(spills, plan.fineBits(), plan.targetBytes(), threads);
            for (SortedParts.Part part : SortedParts.write(spills, bits, dir, schema, codec, meta, threads,
                    new Progress())) {
                Manifest.putFile(files, part.name(), "data", part.rows(), part.bytes(), part.sha256());
                names.add(part.name());
            }
            return bits;
        }
    }

    private static void spillRekeyed(Path src, MessageType expected, int csns, CsnsRekey rekey, Spill spill,
                                     OutputRow row) throws IOException, RunFailedException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(src))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            if (!schema.equals(expected)) {
                throw new RunFailedException("the input run's parts do not all have the same schema");
            }
            byte[] v = new byte[SpillCodec.CSNS_BYTES];
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> rr = new ColumnIOFactory().getColumnIO(schema)
                    .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0, n = pages.getRowCount(); i < n; i++) {
                    Group g = rr.read();
                    row.clear();
                    for (int f = 0; f < schema.getFieldCount(); f++) {
                        if (g.getFieldRepetitionCount(f) == 0) {
                            continue;
                        }
                        PrimitiveType t = schema.getType(f).asPrimitiveType();
                        switch (t.getPrimitiveTypeName()) {
                            case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                                if (f == csns) {
                                    g.getBinary(f, 0).toByteBuffer().get(v);
                                    rekey.apply(v, 0);
                                    row.setBinary(f, Binary.fromReusedByteArray(v));
                                } else {
                                    row.setBinary(f, g.getBinary(f, 0));
                                }
                            }
                            case INT32 -> row.setLong(f, g.getInteger(f, 0));
                            case INT64 -> row.setLong(f, g.getLong(f, 0));
                            default -> throw new IllegalStateException("unexpected column type in a run");
                        }
                    }
                    spill.add(row);
                }
            }
        }
    }
}
