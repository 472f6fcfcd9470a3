package org.enclave.pseudonymiser.io;

import java.util.Arrays;

/**
 * The fields of one record as byte ranges (no copies unless a field needed unescaping). Reused per worker.
 * An empty field is a missing value.
 */
public final class FieldBuffer {
    final byte[][] src;
    final int[] off;
    final int[] len;
    private byte[] scratch = new byte[1024];
    private int scratchPos;
    int count;

    public FieldBuffer(int capacity) {
        src = new byte[capacity][];
        off = new int[capacity];
        len = new int[capacity];
    }

    void reset() {
        count = 0;
        scratchPos = 0;
    }

    void set(int i, byte[] data, int offset, int length) {
        src[i] = data;
        off[i] = offset;
        len[i] = length;
    }

    /** Copies a quoted field, turning each doubled quote into one. */
    void setUnescaped(int i, byte[] data, int from, int to, byte quote) {
        int need = to - from;
        if (scratchPos + need > scratch.length) {
            // Earlier fields point into the old scratch array, which stays alive: only new fields use the new one.
            scratch = new byte[Math.max(scratch.length * 2, need + 1024)];
            scratchPos = 0;
        }
        int start = scratchPos;
        for (int p = from; p < to; p++) {
            byte b = data[p];
            scratch[scratchPos++] = b;
            if (b == quote) {
                p++; // skip the second quote of the pair
            }
        }
        set(i, scratch, start, scratchPos - start);
    }

    public int count() {
        return count;
    }

    public byte[] data(int i) {
        return src[i];
    }

    public int offset(int i) {
        return off[i];
    }

    public int length(int i) {
        return len[i];
    }

    /** Drops references into input buffers so that they can be collected. */
    public void clear() {
        Arrays.fill(src, null);
        count = 0;
    }
}
