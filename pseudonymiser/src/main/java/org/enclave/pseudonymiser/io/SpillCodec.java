package org.enclave.pseudonymiser.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.enclave.pseudonymiser.schema.DatasetSchema;

/**
 * The spill format of one output row: a compact, length-prefixed record that the sorting stage reads back into
 * an {@link OutputRow}. It only ever holds transformed output rows (CSNS, generalised values), never a NIR.
 *
 * <pre>
 * record = varint(body length) body
 * body   = csns (32 bytes) | presence bitmap (1 bit per column, LSB first) | present values in column order
 * value  = INT32: 4 bytes big-endian | INT64: 8 bytes big-endian | BINARY: varint(length) bytes
 * </pre>
 *
 * The CSNS is first in the body whatever its column index, so the sort reads it at a fixed place. The format is
 * private to one run (spill files never outlive it), so it may change freely. Not thread-safe: one instance per
 * writer thread ({@link #decode} and {@link #index} may be shared).
 */
public final class SpillCodec {
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Bytes of a CSNS. */
    public static final int CSNS_BYTES = 32;

    private static final byte BINARY = 0;
    private static final byte INT32 = 1;
    private static final byte INT64 = 2;

    private final byte[] kinds;
    private final ArraySink sink = new ArraySink();
    private final int csns;
    private final int bitmapBytes;

    /**
     * @throws IllegalArgumentException if the schema has no required {@code csns} FIXED_LEN_BYTE_ARRAY(32) column,
     *     or a column that is not a flat INT32, INT64, BINARY or FIXED_LEN_BYTE_ARRAY
     */
    public SpillCodec(MessageType schema) {
        int n = schema.getFieldCount();
        kinds = new byte[n];
        int c = -1;
        for (int i = 0; i < n; i++) {
            Type t = schema.getType(i);
            if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                throw new IllegalArgumentException("unexpected column type in a run");
            }
            PrimitiveType p = t.asPrimitiveType();
            kinds[i] = switch (p.getPrimitiveTypeName()) {
                case BINARY, FIXED_LEN_BYTE_ARRAY -> BINARY;
                case INT32 -> INT32;
                case INT64 -> INT64;
                default -> throw new IllegalArgumentException("unexpected column type in a run");
            };
            if (t.getName().equals(DatasetSchema.CSNS_COLUMN)) {
                if (p.getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
                        || p.getTypeLength() != CSNS_BYTES || !t.isRepetition(Type.Repetition.REQUIRED)) {
                    throw new IllegalArgumentException("the csns column is not a required 32-byte binary");
                }
                c = i;
            }
        }
        if (c < 0) {
            throw new IllegalArgumentException("the schema has no csns column");
        }
        csns = c;
        bitmapBytes = (n + 7) / 8;
    }

    /** Number of columns of the rows this codec handles. */
    public int columns() {
        return kinds.length;
    }

    /**
     * Size of the body of {@code row}'s record (what follows the length prefix).
     *
     * @throws IllegalStateException if the row has no 32-byte CSNS (a bug)
     */
    int bodyLength(OutputRow row) {
        if (!row.present[csns] || row.binaries[csns].length() != CSNS_BYTES) {
            throw new IllegalStateException("an output row without a 32-byte csns (a bug)");
        }
        int body = CSNS_BYTES + bitmapBytes;
        for (int i = 0; i < kinds.length; i++) {
            if (i == csns || !row.present[i]) {
                continue;
            }
            body += switch (kinds[i]) {
                case INT32 -> 4;
                case INT64 -> 8;
                default -> {
                    int len = row.binaries[i].length();
                    yield varintSize(len) + len;
                }
            };
        }
        return body;
    }

    /**
     * Writes {@code row}'s record (length prefix and body) into {@code b} at 0; {@code b} must hold
     * {@code varintSize(body) + body} bytes.
     *
     * @param body the row's {@link #bodyLength}
     * @return the offset of the body (where the CSNS starts)
     */
    int encode(OutputRow row, int body, byte[] b) {
        int p = putVarint(b, 0, body);
        int start = p;
        p = copy(row.binaries[csns], b, p);
        int bitmap = p;
        Arrays.fill(b, bitmap, bitmap + bitmapBytes, (byte) 0);
        p += bitmapBytes;
        for (int i = 0; i < kinds.length; i++) {
            if (!row.present[i]) {
                continue;
            }
            b[bitmap + (i >>> 3)] |= (byte) (1 << (i & 7));
            if (i == csns) {
                continue;
            }
            switch (kinds[i]) {
                case INT32 -> {
                    INT.set(b, p, (int) row.longs[i]);
                    p += 4;
                }
                case INT64 -> {
                    LONG.set(b, p, row.longs[i]);
                    p += 8;
                }
                default -> {
                    Binary v = row.binaries[i];
                    p = putVarint(b, p, v.length());
                    p = copy(v, b, p);
                }
            }
        }
        if (p != start + body) {
            throw new IllegalStateException("spill record length mismatch (a bug)");
        }
        return start;
    }

    /**
     * Decodes the record whose body starts at {@code body} into {@code row}. Binary values point into {@code buf}
     * (reused arrays: Parquet copies what it keeps), so {@code buf} must not change until the row is written.
     */
    public void decode(byte[] buf, int body, OutputRow row) {
        row.clear();
        row.setBinary(csns, Binary.fromReusedByteArray(buf, body, CSNS_BYTES));
        int bitmap = body + CSNS_BYTES;
        int p = bitmap + bitmapBytes;
        for (int i = 0; i < kinds.length; i++) {
            if (i == csns || (buf[bitmap + (i >>> 3)] & (1 << (i & 7))) == 0) {
                continue;
            }
            switch (kinds[i]) {
                case INT32 -> {
                    row.setLong(i, (int) INT.get(buf, p));
                    p += 4;
                }
                case INT64 -> {
                    row.setLong(i, (long) LONG.get(buf, p));
                    p += 8;
                }
                default -> {
                    long v = readVarint(buf, p);
                    int len = (int) v;
                    p = (int) (v >>> 32);
                    row.setBinary(i, Binary.fromReusedByteArray(buf, p, len));
                    p += len;
                }
            }
        }
    }

    /**
     * Finds the records in {@code buf[0, end)} and stores the offset of each body (its CSNS) in {@code bodies}.
     *
     * @return the number of records
     * @throws IllegalStateException if the records do not end exactly at {@code end} or exceed {@code bodies}
     */
    public static int index(byte[] buf, int end, int[] bodies) {
        int n = 0;
        int p = 0;
        while (p < end) {
            long v = readVarint(buf, p);
            int len = (int) v;
            p = (int) (v >>> 32);
            if (n == bodies.length) {
                throw new IllegalStateException("spill holds more records than counted (a bug)");
            }
            bodies[n++] = p;
            p += len;
        }
        if (p != end) {
            throw new IllegalStateException("spill records do not end where expected (a bug)");
        }
        return n;
    }

    private int copy(Binary v, byte[] b, int p) {
        sink.buf = b;
        sink.pos = p;
        try {
            v.writeTo(sink); // for array-backed values, one arraycopy and no allocation
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e); // the sink does no I/O
        }
        sink.buf = null;
        return sink.pos;
    }

    /** Copies into an array at a position. */
    private static final class ArraySink extends OutputStream {
        byte[] buf;
        int pos;

        @Override
        public void write(int x) {
            buf[pos++] = (byte) x;
        }

        @Override
        public void write(byte[] src, int off, int len) {
            System.arraycopy(src, off, buf, pos, len);
            pos += len;
        }
    }

    /**
     * Reads the varint at {@code p}: its value in the low 32 bits, the position after it in the high 32 (two
     * results without an allocation on the hot path; small enough to be inlined).
     */
    static long readVarint(byte[] buf, int p) {
        int value = 0;
        int shift = 0;
        byte x;
        do {
            x = buf[p++];
            value |= (x & 0x7f) << shift;
            shift += 7;
        } while (x < 0);
        return ((long) p << 32) | (value & 0xffffffffL);
    }

    static int varintSize(int v) {
        return v < (1 << 7) ? 1 : v < (1 << 14) ? 2 : v < (1 << 21) ? 3 : v < (1 << 28) ? 4 : 5;
    }

    private static int putVarint(byte[] b, int p, int v) {
        while ((v & ~0x7f) != 0) {
            b[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }
}
