package org.enclave.pseudonymiser.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reader-thread side of CSV input: reads large blocks, finds record boundaries (newlines outside quotes,
 * RFC 4180) and hands out batches of whole records. Field splitting and decoding happen in the workers, so this
 * thread only scans bytes and feeds the input's SHA-256.
 *
 * <p>Works on bytes, so the encoding must be ASCII-compatible (UTF-8, ISO-8859-x, windows-125x); see
 * {@link CsvOptions}. Memory is bounded: a batch is about {@link #BLOCK} bytes and a single record may not exceed
 * {@link #MAX_RECORD} bytes (an unclosed quote shows up as such a record, or at end of file).
 * Blank lines are not records and are not counted.
 */
public final class CsvChunkReader implements AutoCloseable {
    static final int BLOCK = 1 << 20;
    static final int MAX_RECORD = 16 << 20;
    private static final int MAX_RECORDS_PER_BATCH = 16384;

    private final InputStream in;
    private final CsvOptions options;
    private final MessageDigest sha256;
    private final AtomicLong bytesRead;
    private byte[] buf = new byte[BLOCK];
    private int start;      // first byte of the current (incomplete) record
    private int scan;       // next byte to scan
    private int limit;      // valid bytes in buf
    private boolean inQuote;
    private boolean eof;
    private long rows;      // data records handed out so far
    private int columns;
    private int recordStart;

    /**
     * @param bytesRead progress counter, updated as blocks are read
     */
    public CsvChunkReader(InputStream in, CsvOptions options, MessageDigest sha256, AtomicLong bytesRead) {
        this.in = in;
        this.options = options;
        this.sha256 = sha256;
        this.bytesRead = bytesRead;
    }

    /**
     * Reads and decodes the header row (the first non-blank record).
     *
     * @throws InputException if the file is empty, looks like UTF-16, or the header is not valid in the encoding
     */
    public List<String> readHeader() throws InputException {
        fill();
        if (limit >= 2 && ((buf[0] == (byte) 0xFF && buf[1] == (byte) 0xFE)
                || (buf[0] == (byte) 0xFE && buf[1] == (byte) 0xFF))) {
            throw new InputException("input starts with a UTF-16 byte-order mark; convert it to UTF-8"
                + " (only ASCII-compatible encodings are read)");
        }
        if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF
                && options.charset().equals(StandardCharsets.UTF_8)) {
            start = scan = 3;
        }
        int[] rec = nextRecord();
        if (rec == null) {
            throw new InputException("input is empty: no header row");
        }
        int s = rec[0];
        int e = rec[1];
        for (int i = s; i < e; i++) {
            if (buf[i] == 0) {
                throw new InputException("header row holds NUL bytes: the file looks like UTF-16 or binary;"
                    + " convert it to UTF-8 or pass the right --encoding");
            }
        }
        FieldBuffer fb = new FieldBuffer(4096);
        int status = CsvBatch.split(buf, s, e, options.delimiter(), options.quote(), -1, fb);
        if (status == RecordBatch.BAD_QUOTING) {
            throw new InputException("header row has malformed quotes");
        }
        if (fb.count() == 4096) {
            throw new InputException("header row has 4096 or more columns");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fb.count(); i++) {
            try {
                names.add(options.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(fb.data(i), fb.offset(i), fb.length(i))).toString().strip());
            } catch (CharacterCodingException ex) {
                throw new InputException("header row is not valid " + options.charset().name()
                    + " (column " + (i + 1) + "); pass the file's encoding with --encoding");
            }
        }
        columns = names.size();
        return names;
    }

    /**
     * The next batch of whole records, or null at end of input.
     *
     * @throws InputException on a quote left open at end of file or a record longer than the limit
     */
    public RecordBatch next() throws InputException {
        int cap = 256;
        int[] starts = new int[cap];
        int[] ends = new int[cap];
        int n = 0;
        int lastEnd = -1;
        while (true) {
            int end = scanRecord();
            if (end == -1) {
                // need more data: hand out what we have if anything, else refill
                if (n > 0) {
                    break;
                }
                if (!refill()) {
                    int[] rec = finalRecord();
                    if (rec == null) {
                        return null;
                    }
                    starts[0] = rec[0];
                    ends[0] = rec[1];
                    n = 1;
                    lastEnd = rec[1];
                    break;
                }
                continue;
            }
            if (isBlank(recordStart, end)) {
                continue;
            }
            if (n == cap) {
                cap *= 2;
                starts = Arrays.copyOf(starts, cap);
                ends = Arrays.copyOf(ends, cap);
            }
            starts[n] = recordStart;
            ends[n] = end;
            n++;
            lastEnd = end;
            if (n == MAX_RECORDS_PER_BATCH) {
                break;
            }
        }
        if (n == 0) {
            return null;
        }
        // Hand the current array to the batch; continue in a fresh one holding only the unscanned tail.
        byte[] data = buf;
        byte[] next = new byte[Math.max(BLOCK, limit - start + BLOCK)];
        int tail = limit - start;
        System.arraycopy(buf, start, next, 0, tail);
        scan -= start;
        limit = tail;
        start = 0;
        buf = next;
        CsvBatch batch = new CsvBatch(data, starts, ends, n, rows + 1, options.delimiter(), options.quote());
        rows += n;
        if (lastEnd < 0) {
            throw new IllegalStateException("batch without records (a bug)");
        }
        return batch;
    }

    public int columns() {
        return columns;
    }

    /** Data records handed out so far. */
    public long rows() {
        return rows;
    }

    private boolean isBlank(int s, int e) {
        return e == s || (e == s + 1 && buf[s] == '\r');
    }

    /** The header: first non-blank record, refilling as needed. */
    private int[] nextRecord() throws InputException {
        while (true) {
            int end = scanRecord();
            if (end != -1) {
                if (isBlank(recordStart, end)) {
                    continue;
                }
                return new int[] {recordStart, end};
            }
            if (!refill()) {
                int[] last = finalRecord();
                if (last == null || isBlank(last[0], last[1])) {
                    return null;
                }
                return last;
            }
        }
    }

    /**
     * Scans for the end of the record starting at {@code start}. Returns the end (index of the newline) and moves
     * past it, leaving the record's start in {@link #recordStart}; or -1 when the buffer ends first.
     */
    private int scanRecord() {
        byte q = options.quote();
        byte[] b = buf;
        int p = scan;
        boolean quoted = inQuote;
        int lim = limit;
        while (p < lim) {
            byte c = b[p];
            if (c == q) {
                quoted = !quoted;
            } else if (c == '\n' && !quoted) {
                recordStart = start;
                start = p + 1;
                scan = p + 1;
                inQuote = false;
                return p;
            }
            p++;
        }
        scan = p;
        inQuote = quoted;
        return -1;
    }

    /** At end of input: the last record without a trailing newline, or null. */
    private int[] finalRecord() throws InputException {
        if (start >= limit) {
            return null;
        }
        if (inQuote) {
            throw new InputException("unbalanced quote: a quoted field opened in data row " + (rows + 1)
                + " is never closed before the end of the file");
        }
        int s = start;
        start = limit;
        scan = limit;
        if (isBlank(s, limit)) {
            return null;
        }
        return new int[] {s, limit};
    }

    /** Reads more bytes after the current partial record; false at end of input. */
    private boolean refill() throws InputException {
        if (eof) {
            return false;
        }
        if (start > 0) {
            int tail = limit - start;
            System.arraycopy(buf, start, buf, 0, tail);
            scan -= start;
            limit = tail;
            start = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= MAX_RECORD) {
                throw new InputException("data row " + (rows + 1) + " is longer than " + (MAX_RECORD >> 20)
                    + " MiB: most likely a quote that is never closed");
            }
            buf = Arrays.copyOf(buf, Math.min(MAX_RECORD, buf.length * 2));
        }
        return fill();
    }

    /** Reads until the buffer is full or the input ends; false if nothing could be read. */
    private boolean fill() throws InputException {
        try {
            int total = 0;
            while (limit < buf.length) {
                int r = in.read(buf, limit, buf.length - limit);
                if (r < 0) {
                    eof = true;
                    break;
                }
                sha256.update(buf, limit, r);
                limit += r;
                total += r;
            }
            bytesRead.addAndGet(total);
            return total > 0;
        } catch (IOException e) {
            throw new InputException("cannot read input: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
