package org.enclave.pseudonymiser.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.parquet.schema.MessageType;
import org.enclave.pseudonymiser.csns.CsnsEncoding;
import org.enclave.pseudonymiser.csns.CsnsFunction;
import org.enclave.pseudonymiser.io.CsvChunkReader;
import org.enclave.pseudonymiser.io.FieldBuffer;
import org.enclave.pseudonymiser.io.InputException;
import org.enclave.pseudonymiser.io.OutputRow;
import org.enclave.pseudonymiser.io.ParquetInputReader;
import org.enclave.pseudonymiser.io.OutputSchema;
import org.enclave.pseudonymiser.io.RecordBatch;
import org.enclave.pseudonymiser.io.PartWriter;
import org.enclave.pseudonymiser.io.Spill;
import org.enclave.pseudonymiser.io.SpillCodec;
import org.enclave.pseudonymiser.key.MasterKeyChain;
import org.enclave.pseudonymiser.nir.NirQuality;
import org.enclave.pseudonymiser.schema.DatasetSchema;
import org.enclave.pseudonymiser.schema.SchemaException;

/**
 * The pipeline, in two stages.
 * <ol>
 *   <li>One reader thread (the caller) finds record boundaries and hands batches of about 1 MiB through a bounded
 *       queue to N workers; each worker splits, validates, computes the CSNS, generalises, writes its quarantine
 *       part and appends each output row to its {@link Spill}, bucketed by the leading bits of the CSNS.</li>
 *   <li>{@link SortedParts}: N threads take the buckets in turn; each reads one bucket of every spill, sorts it by
 *       CSNS and writes it as one Parquet part. The parts are range-partitioned and sorted, so the dataset read in
 *       part-name order is in CSNS order, which lets enclave-compute aggregate per person without a shuffle.</li>
 * </ol>
 * With layout {@link RunOptions.Layout#INPUT} there is no second stage: each worker writes its rows straight to its
 * own Parquet part instead of a spill.
 * The heap depends on the number of workers and the bucket size (chosen from the heap), never on the input size.
 * Spills live in the run's temporary folder and hold output rows only, never a NIR.
 *
 * <p>Why N writers rather than a single one: Parquet encoding is the most expensive stage (1.2-2.5 M rows/s on one
 * thread here), so a single writer would cap the whole run at one core.
 *
 * <p>Before the manifest is written the accounting invariant {@code rows.in == rows.out + rows.quarantined} is
 * checked; a violation is a bug and fails the run. Publication is atomic ({@link OutputFolder}).
 */
public final class Pseudonymiser {
    private static final RecordBatch POISON = new RecordBatch() {
        @Override
        public long firstRow() {
            return 0;
        }

        @Override
        public int size() {
            return 0;
        }

        @Override
        public int fields(int i, int expected, FieldBuffer out) {
            return OK;
        }
    };

    private final DatasetSchema schema;
    private final MasterKeyChain keys;
    private final Progress progress;
    private final long partTargetBytes;

    /**
     * @param keys     the master key chain; the run uses its latest version
     * @param progress counters for a progress display (may be shared with another thread)
     */
    public Pseudonymiser(DatasetSchema schema, MasterKeyChain keys, Progress progress) {
        this(schema, keys, progress, 0);
    }

    /** Tests: {@code partTargetBytes} (if positive) replaces the part size derived from the heap. */
    Pseudonymiser(DatasetSchema schema, MasterKeyChain keys, Progress progress, long partTargetBytes) {
        this.schema = schema;
        this.keys = keys;
        this.progress = progress;
        this.partTargetBytes = partTargetBytes;
    }

    /**
     * Runs to completion and publishes the output, or fails leaving nothing behind but what was there before.
     *
     * @throws UsageException     output folder refused (exit 2)
     * @throws SchemaException    the input's columns do not match the schema (exit 2)
     * @throws RunFailedException anything else that stopped the run (exit 1)
     */
    public RunResult run(RunOptions opt) throws UsageException, SchemaException, RunFailedException {
        Instant started = Instant.now();
        progress.startNanos = System.nanoTime();
        if (!Files.isRegularFile(opt.input())) {
            throw new UsageException("input " + opt.input() + " is not a file");
        }
        OutputFolder folder;
        try {
            folder = OutputFolder.prepare(opt.output(), opt.replace());
        } catch (IOException e) {
            throw new RunFailedException("cannot create the output folder: " + e.getClass().getSimpleName());
        }
        try {
            return execute(opt, folder, started);
        } catch (SchemaException | RunFailedException e) {
            folder.abort();
            throw e;
        } catch (IOException e) {
            folder.abort();
            // file-system messages name paths, never row values
            throw new RunFailedException("I/O error: " + e.getClass().getSimpleName()
                + (e instanceof java.nio.file.FileSystemException ? " " + e.getMessage() : ""), e);
        } catch (RuntimeException | Error e) {
            folder.abort();
            throw e;
        }
    }

    private RunResult execute(RunOptions opt, OutputFolder folder, Instant started)
            throws IOException, SchemaException, RunFailedException {
        CsnsFunction csns = CsnsFunction.latest(keys, CsnsEncoding.V1);
        MessageDigest inputSha = sha256();
        Source source = open(opt, inputSha);
        try {
            int[] bound = schema.bind(source.columns());
            int expected = source.columns().size();
            int n = Math.max(1, opt.threads());
            Map<String, String> footer = Map.of(
                "enclave.dataset", schema.dataset(),
                "enclave.csns.encoding", CsnsEncoding.V1.id(),
                "enclave.key.id", csns.keyRef().keyId(),
                "enclave.key.version", Integer.toString(csns.keyRef().version()));

            MessageType outputSchema = OutputSchema.of(schema.dataset(), schema.outputColumns());
            boolean sorted = opt.layout() == RunOptions.Layout.CSNS;
            progress.oneStage = !sorted;
            SortedParts.Plan plan = SortedParts.Plan.of(estimateSpillBytes(opt, source), n,
                Runtime.getRuntime().maxMemory(), partTargetBytes);

            BlockingQueue<RecordBatch> queue = new ArrayBlockingQueue<>(2 * n);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Worker> workers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            List<SortedParts.Part> parts;
            int bits;
            try {
                // All workers are made before any starts: one that cannot be made (its spill or part cannot be
                // created) then leaves no thread waiting for input.
                for (int i = 0; i < n; i++) {
                    workers.add(new Worker(i, folder.temp(), opt, csns, bound, expected, outputSchema, footer, plan, queue,
                        failure));
                }
                for (Worker w : workers) {
                    Thread t = new Thread(w, "pseudonymiser-worker-" + w.index);
                    t.setDaemon(true);
                    threads.add(t);
                    t.start();
                }
                try {
                    feed(source, queue, failure, threads);
                } finally {
                    for (Thread t : threads) {
                        joinQuietly(t);
                    }
                }
                Throwable f = failure.get();
                if (f != null) {
                    throw asFailure(f);
                }
                if (sorted) {
                    List<Spill> spills = workers.stream().map(w -> w.spill).toList();
                    bits = SortedParts.chooseBits(spills, plan.fineBits(), plan.targetBytes(), n);
                    parts = SortedParts.write(spills, bits, folder.temp(), outputSchema, opt.compression(), footer, n,
                        progress);
                } else {
                    bits = -1;
                    parts = workers.stream().map(Worker::writtenPart).toList();
                }
            } finally {
                for (Worker w : workers) {
                    if (w.spill != null) {
                        w.spill.close(); // deletes the file: spills never outlive the run's second stage
                    }
                }
            }
            long rowsIn = source.rows();
            long out = 0;
            long spilled = 0;
            long quarantined = 0;
            long[] quality = new long[NirQuality.values().length];
            Map<String, Long> reasons = new LinkedHashMap<>();
            for (Reason r : Reason.values()) {
                reasons.put(r.code(), 0L);
            }
            for (SortedParts.Part p : parts) {
                out += p.rows();
            }
            for (Worker w : workers) {
                spilled += w.rowsWritten();
                quarantined += w.quarantine.count();
                for (int q = 0; q < quality.length; q++) {
                    quality[q] += w.transformer.quality()[q];
                }
                w.reasons.forEach((k, v) -> reasons.merge(k.code(), v, Long::sum));
            }
            reasons.values().removeIf(v -> v == 0);
            QuarantineFile.Merged merged = QuarantineFile.merge(
                workers.stream().map(w -> w.quarantine.path()).toList(), folder.temp().resolve(OutputFolder.QUARANTINE));
            for (Worker w : workers) {
                Files.delete(w.quarantine.path());
            }
            // IMPORTANT: nothing is lost. Checked before any manifest exists; a mismatch is a bug.
            if (rowsIn != out + quarantined || merged.lines() != quarantined || spilled != out) {
                throw new RunFailedException("internal error (a bug): row accounting does not balance (in " + rowsIn
                    + ", out " + out + ", spilled " + spilled + ", quarantined " + quarantined + ", quarantine lines "
                    + merged.lines() + "); nothing was published");
            }
            Instant finished = Instant.now();
            double seconds = (System.nanoTime() - progress.startNanos) / 1e9;

            ObjectNode m = Manifest.newManifest(schema);
            ObjectNode in = m.putObject("input");
            in.put("file", opt.input().getFileName().toString());
            in.put("format", opt.format().name().toLowerCase(java.util.Locale.ROOT));
            in.put("bytes", Files.size(opt.input()));
            in.put("sha256", HexFormat.of().formatHex(inputSha.digest()));
            if (source.csv) {
                in.put("encoding", opt.csv().charset().name());
                in.put("delimiter", new String(new byte[] {opt.csv().delimiter()}, StandardCharsets.US_ASCII));
                in.put("headerRow", true);
            }
            Manifest.putSchema(m, schema, opt.schemaFile() == null ? null : fileSha256(opt.schemaFile()));
            ObjectNode key = m.putObject("key");
            key.put("id", csns.keyRef().keyId());
            key.put("version", csns.keyRef().version());
            ObjectNode c = m.putObject("csns");
            c.put("column", DatasetSchema.CSNS_COLUMN);
            c.put("algorithm", "HMAC-SHA-256");
            c.put("encoding", CsnsEncoding.V1.id());
            c.put("bytes", CsnsFunction.LENGTH);
            ObjectNode rows = m.putObject("rows");
            rows.put("in", rowsIn);
            rows.put("out", out);
            rows.put("quarantined", quarantined);
            ObjectNode rs = m.putObject("quarantineReasons");
            reasons.forEach(rs::put);
            ObjectNode qn = m.putObject("quality");
            Map<String, Long> qualityMap = new LinkedHashMap<>();
            for (NirQuality q : NirQuality.values()) {
                qn.put(q.code(), quality[q.ordinal()]);
                qualityMap.put(q.code(), quality[q.ordinal()]);
            }
            ObjectNode o = m.putObject("output");
            o.put("format", "parquet");
            o.put("compression", opt.compression().name());
            if (sorted) {
                SortedParts.putLayout(m, bits);
            } else {
                putInputLayout(m, parts.size());
            }
            ArrayNode files = m.putArray("files");
            List<String> names = new ArrayList<>();
            for (SortedParts.Part p : parts) {
                Manifest.putFile(files, p.name(), "data", p.rows(), p.bytes(), p.sha256());
                names.add(p.name());
            }
            Manifest.putFile(files, OutputFolder.QUARANTINE, "quarantine", merged.lines(), merged.bytes(),
                merged.sha256());
            names.add(OutputFolder.QUARANTINE);
            ObjectNode t = m.putObject("timings");
            t.put("startedAt", started.toString());
            t.put("finishedAt", finished.toString());
            t.put("seconds", Math.round(seconds * 1000) / 1000.0);
            t.put("rowsPerSecond", seconds > 0 ? Math.round(rowsIn / seconds) : 0);
            t.put("threads", n);
            Manifest.write(m, folder.temp().resolve(OutputFolder.MANIFEST));
            folder.publish(names);
            return new RunResult(folder.output(), rowsIn, out, quarantined, reasons, qualityMap, csns.keyRef(),
                seconds);
        } finally {
            source.close();
        }
    }

    /**
     * A generous estimate of the spill's size, which only bounds the spill's bucket count (the parts are then sized
     * from the actual spill): for CSV, the file size (a spilled row is about the size of its CSV line: the NIR
     * grows to 32 bytes, dropped and generalised columns shrink); for Parquet, whose file is compressed, the larger
     * of four times the file and a per-row allowance.
     */
    private long estimateSpillBytes(RunOptions opt, Source source) throws IOException {
        long size = Files.size(opt.input());
        if (source.csv) {
            return size;
        }
        long perRow = 48L + 16L * schema.outputColumns().size();
        return Math.max(4 * size, Math.max(0, progress.totalRows) * perRow);
    }

    private void feed(Source source, BlockingQueue<RecordBatch> queue, AtomicReference<Throwable> failure,
                      List<Thread> threads) throws RunFailedException {
        try {
            RecordBatch b;
            while ((b = source.next()) != null) {
                progress.rowsRead.addAndGet(source.csv ? b.size() : 0);
                while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                    if (failure.get() != null) {
                        return;
                    }
                }
                if (failure.get() != null) {
                    return;
                }
            }
            for (int i = 0; i < threads.size(); i++) {
                while (!queue.offer(POISON, 100, TimeUnit.MILLISECONDS)) {
                    if (failure.get() != null) {
                        return;
                    }
                }
            }
        } catch (InputException e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new RunFailedException("interrupted"));
        } catch (RuntimeException | Error e) {
            // Without this the workers would wait for input that never comes: the run would hang.
            failure.compareAndSet(null, e);
        } finally {
            if (failure.get() != null) {
                threads.forEach(Thread::interrupt);
            }
        }
    }

    private static RunFailedException asFailure(Throwable f) {
        if (f instanceof RunFailedException r) {
            return r;
        }
        if (f instanceof InputException e) {
            return new RunFailedException(e.getMessage(), e);
        }
        if (f instanceof IOException e) {
            return new RunFailedException("I/O error while writing: " + e.getClass().getSimpleName(), e);
        }
        if (f instanceof OutOfMemoryError e) {
            return new RunFailedException("out of memory: run with a larger heap (ENCLAVE_JAVA_OPTS=-Xmx...) or fewer --threads", e);
        }
        return new RunFailedException("internal error (a bug): " + f.getClass().getName(), f);
    }

    private Source open(RunOptions opt, MessageDigest inputSha) throws IOException, SchemaException, RunFailedException {
        try {
            if (opt.format() == RunOptions.InputFormat.CSV) {
                progress.totalBytes = Files.size(opt.input());
                CsvChunkReader r = new CsvChunkReader(Files.newInputStream(opt.input()), opt.csv(), inputSha,
                    progress.bytesRead);
                try {
                    List<String> header = r.readHeader();
                    return new Source(r, null, header);
                } catch (InputException e) {
                    r.close();
                    throw e;
                }
            }
            try (InputStream in = new DigestInputStream(Files.newInputStream(opt.input()), inputSha)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            ParquetInputReader p = new ParquetInputReader(opt.input(), progress.rowsRead);
            progress.totalRows = p.totalRows();
            return new Source(null, p, p.columnNames());
        } catch (InputException e) {
            throw new RunFailedException(e.getMessage(), e);
        }
    }

    /** CSV or Parquet behind one face. */
    private static final class Source {
        final CsvChunkReader csvReader;
        final ParquetInputReader parquet;
        final List<String> columns;
        final boolean csv;

        Source(CsvChunkReader csvReader, ParquetInputReader parquet, List<String> columns) {
            this.csvReader = csvReader;
            this.parquet = parquet;
            this.columns = columns;
            this.csv = csvReader != null;
        }

        List<String> columns() {
            return columns;
        }

        RecordBatch next() throws InputException {
            return csv ? csvReader.next() : parquet.next();
        }

        long rows() {
            return csv ? csvReader.rows() : parquet.rows();
        }

        void close() throws IOException {
            if (csv) {
                csvReader.close();
            } else {
                parquet.close();
            }
        }
    }

    /** The manifest's {@code layout} for {@link RunOptions.Layout#INPUT}: one part per worker, in no key order. */
    static void putInputLayout(ObjectNode manifest, int parts) {
        ObjectNode l = manifest.putObject("layout");
        l.put("order", "input");
        l.put("partitioning", "none");
        l.put("parts", parts);
    }

    /**
     * One worker of the first stage: its transformer, its quarantine part, and its spill (layout {@code csns}) or
     * its Parquet part (layout {@code input}).
     */
    private final class Worker implements Runnable {
        final int index;
        final Spill spill;
        final PartWriter part;
        final QuarantineFile.Part quarantine;
        final RowTransformer transformer;
        final Map<Reason, Long> reasons = new java.util.EnumMap<>(Reason.class);
        private final BlockingQueue<RecordBatch> queue;
        private final AtomicReference<Throwable> failure;
        private final int expected;
        private final FieldBuffer fields;
        private final OutputRow row;

        Worker(int index, Path temp, RunOptions opt, CsnsFunction csns, int[] bound, int expected,
               MessageType outputSchema, Map<String, String> footer, SortedParts.Plan plan,
               BlockingQueue<RecordBatch> queue, AtomicReference<Throwable> failure) throws IOException {
            this.index = index;
            if (opt.layout() == RunOptions.Layout.CSNS) {
                this.spill = new Spill(temp.resolve("spill-" + index + ".bin"), new SpillCodec(outputSchema),
                    plan.fineBits(), plan.chunkBytes());
                this.part = null;
            } else {
                this.spill = null;
                // Each worker holds one row group: sized from the heap as the sorted layout's parts are.
                this.part = new PartWriter(temp.resolve(SortedParts.partName(index)), outputSchema, opt.compression(),
                    footer, plan.targetBytes());
            }
            this.quarantine = new QuarantineFile.Part(temp.resolve("quarantine-" + index + ".part"));
            this.transformer = new RowTransformer(schema, bound, csns,
                opt.format() == RunOptions.InputFormat.CSV ? opt.csv().charset() : StandardCharsets.UTF_8);
            this.queue = queue;
            this.failure = failure;
            this.expected = expected;
            this.fields = new FieldBuffer(expected + 1);
            this.row = new OutputRow(schema.outputColumns().size());
        }

        long rowsWritten() {
            return spill != null ? spill.rows() : part.rows();
        }

        /** The Parquet part this worker wrote (layout {@code input}), once it has finished. */
        SortedParts.Part writtenPart() {
            return new SortedParts.Part(SortedParts.partName(index), part.rows(), part.file().size(),
                part.file().sha256Hex());
        }

        @Override
        public void run() {
            try {
                while (true) {
                    RecordBatch b = queue.take();
                    if (b == POISON) {
                        break;
                    }
                    process(b);
                    if (failure.get() != null) {
                        return;
                    }
                }
                if (spill != null) {
                    spill.finish();
                } else {
                    part.close();
                }
                quarantine.close();
            } catch (InterruptedException e) {
                failure.compareAndSet(null, new RunFailedException("interrupted"));
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                if (failure.get() != null) {
                    try {
                        if (spill != null) {
                            spill.close();
                        } else {
                            part.close();
                        }
                    } catch (Throwable ignored) {
                        // the temporary folder is deleted anyway
                    }
                    try {
                        quarantine.close();
                    } catch (IOException ignored) {
                        // idem
                    }
                }
            }
        }

        private void process(RecordBatch b) throws IOException, InputException {
            long first = b.firstRow();
            int size = b.size();
            for (int i = 0; i < size; i++) {
                long rowNumber = first + i;
                int status = b.fields(i, expected, fields);
                if (status != RecordBatch.OK) {
                    Reason r = status == RecordBatch.COLUMN_COUNT ? Reason.COLUMN_COUNT : Reason.BAD_QUOTING;
                    quarantine(rowNumber, "*", r);
                    continue;
                }
                Reason r;
                try {
                    r = transformer.transform(fields, row);
                } catch (EncodingException e) {
                    throw new InputException("data row " + rowNumber + ", column '" + transformer.faultColumn()
                        + "' " + e.getMessage() + ": the file is probably in another encoding (pass --encoding)");
                }
                if (r != null) {
                    quarantine(rowNumber, transformer.faultColumn(), r);
                } else if (spill != null) {
                    spill.add(row);
                } else {
                    part.write(row);
                }
            }
            fields.clear();
            progress.rowsDone.addAndGet(size);
        }

        private void quarantine(long rowNumber, String column, Reason r) throws IOException {
            quarantine.add(rowNumber, column, r);
            reasons.merge(r, 1L, Long::sum);
        }
    }

    static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String fileSha256(Path file) throws IOException {
        MessageDigest d = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), d)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
