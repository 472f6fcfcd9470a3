package org.enclave.pseudonymiser.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One writer's spill: output rows routed by the top bits of their CSNS into {@code 2^bits} buckets, each bucket
 * buffered in memory in chunks of a fixed size and appended chunk by chunk to a single file. The file keeps, per
 * bucket, where its chunks are, so the sorting stage reads one bucket of every writer's spill without scanning the
 * rest.
 *
 * <p>Why one file per writer rather than one file per bucket: the number of open files stays the number of
 * writers whatever the bucket count, and every write is a sequential append of a whole chunk. Memory is bounded by
 * {@code 2^bits} chunk buffers, allocated only for buckets that receive rows.
 *
 * <p>Not thread-safe while writing (one writer thread); after {@link #finish()}, {@link #read} may be called from
 * any number of threads (positional reads).
 */
public final class Spill implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final SpillCodec codec;
    private final int bits;
    private final int chunkBytes;
    private final byte[][] buffers;
    private final int[] filled;
    private final long[] bytes;
    private final long[] rows;
    /** Per bucket: file offsets of its chunks, and their lengths. */
    private final long[][] chunkAt;
    private final int[][] chunkLength;
    private final int[] chunks;
    private byte[] scratch = new byte[256];
    private long end;
    private boolean finished;

    /**
     * @param bits       bucket bits (0-16): a row goes to the bucket numbered by the first {@code bits} bits of its
     *                   CSNS
     * @param chunkBytes size of a bucket's write buffer
     */
    public Spill(Path path, SpillCodec codec, int bits, int chunkBytes) throws IOException {
        if (bits < 0 || bits > 16) {
            throw new IllegalArgumentException("bucket bits must be 0-16");
        }
        this.path = path;
        this.codec = codec;
        this.bits = bits;
        this.chunkBytes = chunkBytes;
        int n = 1 << bits;
        this.buffers = new byte[n][];
        this.filled = new int[n];
        this.bytes = new long[n];
        this.rows = new long[n];
        this.chunkAt = new long[n][];
        this.chunkLength = new int[n][];
        this.chunks = new int[n];
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    }

    /** Appends {@code row} (which must hold a 32-byte CSNS) to its bucket. */
    public void add(OutputRow row) throws IOException {
        int body = codec.bodyLength(row);
        int total = SpillCodec.varintSize(body) + body;
        if (scratch.length < total) {
            scratch = new byte[Math.max(total, 2 * scratch.length)];
        }
        int csns = codec.encode(row, body, scratch);
        int b = bits == 0 ? 0 : (((scratch[csns] & 0xff) << 8) | (scratch[csns + 1] & 0xff)) >>> (16 - bits);
        bytes[b] += total;
        rows[b]++;
        byte[] buf = buffers[b];
        if (buf == null) {
            buf = buffers[b] = new byte[chunkBytes];
        }
        int off = 0;
        while (off < total) {
            int n = Math.min(total - off, chunkBytes - filled[b]);
            System.arraycopy(scratch, off, buf, filled[b], n);
            filled[b] += n;
            off += n;
            if (filled[b] == chunkBytes) {
                flush(b);
            }
        }
    }

    private void flush(int b) throws IOException {
        int len = filled[b];
        if (len == 0) {
            return;
        }
        ByteBuffer bb = ByteBuffer.wrap(buffers[b], 0, len);
        long at = end;
        while (bb.hasRemaining()) {
            at += channel.write(bb, at);
        }
        if (chunkAt[b] == null) {
            chunkAt[b] = new long[8];
            chunkLength[b] = new int[8];
        } else if (chunks[b] == chunkAt[b].length) {
            chunkAt[b] = Arrays.copyOf(chunkAt[b], 2 * chunks[b]);
            chunkLength[b] = Arrays.copyOf(chunkLength[b], 2 * chunks[b]);
        }
        chunkAt[b][chunks[b]] = end;
        chunkLength[b][chunks[b]] = len;
        chunks[b]++;
        end = at;
        filled[b] = 0;
    }

    /** Writes out what is still buffered and frees the buffers; the spill is then read-only. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        for (int b = 0; b < buffers.length; b++) {
            if (buffers[b] != null) {
                flush(b);
                buffers[b] = null;
            }
        }
        scratch = null;
        finished = true;
    }

    public int bits() {
        return bits;
    }

    /** Bytes of bucket {@code b} (records with their length prefixes). */
    public long bytes(int b) {
        return bytes[b];
    }

    /** Rows of bucket {@code b}. */
    public long rows(int b) {
        return rows[b];
    }

    /** Rows in all buckets. */
    public long rows() {
        long n = 0;
        for (long r : rows) {
            n += r;
        }
        return n;
    }

    /**
     * Reads bucket {@code b} (whole records) into {@code dst} at {@code off}.
     *
     * @return the offset after the last byte read
     */
    public int read(int b, byte[] dst, int off) throws IOException {
        if (!finished) {
            throw new IllegalStateException("spill read before it was finished (a bug)");
        }
        for (int c = 0; c < chunks[b]; c++) {
            ByteBuffer bb = ByteBuffer.wrap(dst, off, chunkLength[b][c]);
            long at = chunkAt[b][c];
            while (bb.hasRemaining()) {
                int n = channel.read(bb, at);
                if (n < 0) {
                    throw new IOException("spill file ends early");
                }
                at += n;
            }
            off += chunkLength[b][c];
        }
        return off;
    }

    /** Closes and deletes the file. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(path);
        }
    }
}
