package org.enclave.pseudonymiser.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.enclave.pseudonymiser.io.CsnsSort;
import org.enclave.pseudonymiser.io.OutputRow;
import org.enclave.pseudonymiser.io.PartWriter;
import org.enclave.pseudonymiser.io.Spill;
import org.enclave.pseudonymiser.io.SpillCodec;
import org.enclave.pseudonymiser.schema.DatasetSchema;

/**
 * The second stage of a run (and of {@code rekey}): turns the writers' spills into range-partitioned, sorted
 * Parquet parts. With {@code k} bits, part {@code i} ({@code part-%05d.parquet}, i = 0 .. 2^k - 1) holds exactly the
 * rows whose CSNS starts with the k bits of {@code i}, sorted by CSNS as unsigned bytes; so the parts in name order
 * are the whole dataset in CSNS order. Every part is written, even an empty one, so that part i always means range
 * i and a reader always finds the schema.
 *
 * <p>Each thread takes the next part; a part covers 2^(fine - k) consecutive spill buckets, and for each of them
 * the thread reads that bucket of every spill into one array, sorts an index of it and appends its rows to the
 * part. The heap therefore holds one spill bucket and one part's row group per thread: {@link Plan} sizes the
 * buckets and the part target from the heap, and {@link #chooseBits} picks k from the actual spill sizes.
 */
final class SortedParts {
    /** Below this much spilled data per part, using more parts than needed for the threads buys nothing. */
    private static final long MIN_PART_BYTES = 8L << 20;
    /** Upper bound of the spill's bucket bits: 4,096 buckets, whose write buffers stay within budget. */
    static final int MAX_FINE_BITS = 12;
    /**
     * Spill bucket size aimed at: sorted and read back in CSNS order (random reads), a bucket that fits in the
     * processor's cache costs far less than one that does not (measured: about a third of the second stage).
     */
    private static final long SPILL_BUCKET_BYTES = 256L << 10;

    /** One written part. */
    record Part(String name, long rows, long bytes, String sha256) {
    }

    /**
     * Sizing of a run's spill and parts.
     *
     * @param fineBits    bucket bits of the spills (an upper bound of the parts' bits)
     * @param chunkBytes  write buffer per spill bucket
     * @param targetBytes most spilled bytes a part should hold
     */
    record Plan(int fineBits, int chunkBytes, long targetBytes) {
        /**
         * @param estimatedSpillBytes a generous estimate of the bytes all rows take in the spill format
         * @param threads             writer threads, which is also the number of parts in memory at once
         * @param maxHeap             {@link Runtime#maxMemory()}
         * @param targetOverride      if positive, the part target instead of the one derived from the heap (tests)
         */
        static Plan of(long estimatedSpillBytes, int threads, long maxHeap, long targetOverride) {
            // While a part of T spilled bytes is written its thread holds one spill bucket (its bytes, an index)
            // and the part's row group, at most about T compressed. T = heap / (8 * threads) keeps all threads'
            // under a quarter of the heap, next to the input queue and the JVM.
            long target = targetOverride > 0 ? targetOverride
                : Math.max(1L << 20, Math.min(64L << 20, maxHeap / (8L * threads)));
            // Spill buckets: small enough to sort in cache, and fine enough (4x margin) that the parts' bit count,
            // chosen from the actual sizes, can meet the target.
            long estimate = Math.max(0, estimatedSpillBytes);
            long buckets = Math.max(1, Math.max(estimate / Math.min(target, SPILL_BUCKET_BYTES),
                4 * estimate / target));
            int fine = Math.min(MAX_FINE_BITS, 64 - Long.numberOfLeadingZeros(buckets - 1));
            long budget = maxHeap / 16;
            long chunk = budget / ((long) threads << fine);
            return new Plan(fine, (int) Math.max(4 << 10, Math.min(256 << 10, chunk)), target);
        }
    }

    private SortedParts() {
    }

    /**
     * The number of bits k of the parts: the smallest with no part over the target and, when there is enough data,
     * at least one part per thread. When some part must exceed the target whatever k (a CSNS holding many rows
     * falls in one bucket however fine), the smallest k that does as well as the finest split: more parts would
     * only add empty ones.
     */
    static int chooseBits(List<Spill> spills, int fineBits, long targetBytes, int threads) {
        long[] sizes = new long[1 << fineBits];
        long total = 0;
        for (Spill s : spills) {
            for (int f = 0; f < sizes.length; f++) {
                sizes[f] += s.bytes(f);
                total += s.bytes(f);
            }
        }
        long[] largest = new long[fineBits + 1];
        for (int k = 0; k <= fineBits; k++) {
            int group = 1 << (fineBits - k);
            for (int b = 0; b < (1 << k); b++) {
                long sum = 0;
                for (int f = b * group; f < (b + 1) * group; f++) {
                    sum += sizes[f];
                }
                largest[k] = Math.max(largest[k], sum);
            }
        }
        long target = Math.max(targetBytes, largest[fineBits]);
        long wanted = Math.min(threads, total / MIN_PART_BYTES);
        for (int k = 0; k < fineBits; k++) {
            if ((1L << k) >= wanted && largest[k] <= target) {
                return k;
            }
        }
        return fineBits;
    }

    /** The manifest's {@code layout}: informational, readers check the order themselves. */
    static void putLayout(ObjectNode manifest, int bits) {
        ObjectNode l = manifest.putObject("layout");
        l.put("sortedBy", DatasetSchema.CSNS_COLUMN);
        l.put("order", "unsigned-bytes");
        l.put("partitioning", "range");
        l.put("rangeBits", bits);
        l.put("parts", 1 << bits);
    }

    static String partName(int i) {
        return String.format("part-%05d.parquet", i);
    }

    /**
     * Writes the {@code 2^bits} parts into {@code dir} on {@code threads} threads.
     *
     * @return the parts in name (= CSNS) order
     */
    static List<Part> write(List<Spill> spills, int bits, Path dir, MessageType schema, CompressionCodecName codec,
                            Map<String, String> footer, int threads, Progress progress) throws IOException,
            RunFailedException {
        int fine = spills.isEmpty() ? bits : spills.get(0).bits();
        int parts = 1 << bits;
        long rows = 0;
        for (Spill s : spills) {
            rows += s.rows();
        }
        progress.startWriting(rows, parts);
        Part[] done = new Part[parts];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        SpillCodec spillCodec = new SpillCodec(schema);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < Math.max(1, Math.min(threads, parts)); t++) {
            Thread th = new Thread(() -> {
                BucketWriter w = new BucketWriter(spills, fine, bits, dir, schema, spillCodec, codec, footer, progress);
                try {
                    int b;
                    while (failure.get() == null && (b = next.getAndIncrement()) < parts) {
                        done[b] = w.write(b);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "pseudonymiser-sort-" + t);
            th.setDaemon(true);
            workers.add(th);
            th.start();
        }
        for (Thread th : workers) {
            Pseudonymiser.joinQuietly(th); // never leave a thread writing into a folder about to be removed
        }
        Throwable f = failure.get();
        if (f instanceof IOException e) {
            throw e;
        }
        if (f instanceof RunFailedException e) {
            throw e;
        }
        if (f != null) {
            throw new RunFailedException("internal error (a bug): " + f.getClass().getName(), f);
        }
        return List.of(done);
    }

    /** One thread's buffers, reused from bucket to bucket. */
    private static final class BucketWriter {
        private final List<Spill> spills;
        private final int fine;
        private final int bits;
        private final Path dir;
        private final MessageType schema;
        private final SpillCodec spillCodec;
        private final CompressionCodecName codec;
        private final Map<String, String> footer;
        private final Progress progress;
        private final OutputRow row;
        private byte[] buf = new byte[0];
        private int[] bodies = new int[0];
        private long[] keys = new long[0];

        BucketWriter(List<Spill> spills, int fine, int bits, Path dir, MessageType schema, SpillCodec spillCodec,
                     CompressionCodecName codec, Map<String, String> footer, Progress progress) {
            this.spills = spills;
            this.fine = fine;
            this.bits = bits;
            this.dir = dir;
            this.schema = schema;
            this.spillCodec = spillCodec;
            this.codec = codec;
            this.footer = footer;
            this.progress = progress;
            this.row = new OutputRow(schema.getFieldCount());
        }

        /**
         * Writes part {@code bucket}: its spill buckets one after the other, each sorted on its own. They are
         * consecutive CSNS ranges, so the part comes out sorted, and a spill bucket (small enough to stay in the
         * processor's cache while it is sorted and read back in order) is all the thread holds besides the part's
         * row group.
         */
        Part write(int bucket) throws IOException, RunFailedException {
            int from = bucket << (fine - bits);
            int to = (bucket + 1) << (fine - bits);
            String name = partName(bucket);
            PartWriter w = new PartWriter(dir.resolve(name), schema, codec, footer);
            try {
                for (int f = from; f < to; f++) {
                    writeSpillBucket(f, w);
                }
            } finally {
                w.close();
            }
            progress.partsDone.incrementAndGet();
            return new Part(name, w.rows(), w.file().size(), w.file().sha256Hex());
        }

        private void writeSpillBucket(int f, PartWriter w) throws IOException, RunFailedException {
            long bytes = 0;
            long count = 0;
            for (Spill s : spills) {
                bytes += s.bytes(f);
                count += s.rows(f);
            }
            if (count == 0) {
                return;
            }
            if (bytes > Integer.MAX_VALUE - 64) {
                throw new RunFailedException("one CSNS range holds more than 2 GiB of output rows;"
                    + " run with a larger heap (ENCLAVE_JAVA_OPTS=-Xmx...)");
            }
            if (buf.length < bytes) {
                buf = null; // let the old one go before the new one is allocated
                buf = new byte[(int) Math.min(Integer.MAX_VALUE - 64, bytes + bytes / 8)];
            }
            if (bodies.length < count) {
                int n = (int) Math.min(Integer.MAX_VALUE - 64, count + count / 8);
                bodies = null;
                keys = null;
                bodies = new int[n];
                keys = new long[n];
            }
            int end = 0;
            for (Spill s : spills) {
                end = s.read(f, buf, end);
            }
            int n = SpillCodec.index(buf, end, bodies);
            if (n != count) {
                throw new IllegalStateException("spill row count mismatch (a bug)");
            }
            CsnsSort.sort(buf, bodies, n, fine, keys);
            for (int i = 0; i < n; i++) {
                spillCodec.decode(buf, bodies[i], row);
                w.write(row);
            }
            progress.rowsWritten.addAndGet(n);
        }
    }
}
