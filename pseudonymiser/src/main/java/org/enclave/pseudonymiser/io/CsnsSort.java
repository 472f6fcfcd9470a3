package org.enclave.pseudonymiser.io;

import java.util.Arrays;

/**
 * Orders the records of one bucket by CSNS, bytes compared as unsigned ({@link Arrays#compareUnsigned}), without
 * boxing: each record gets a 64-bit key made of the CSNS bits that follow the bucket's common prefix, with the
 * record's index in the low bits; a primitive sort of those keys orders almost everything, and the few runs whose
 * keys tie (the rows of one person, or a rare prefix collision) are finished with a full 32-byte comparison.
 */
public final class CsnsSort {
    private CsnsSort() {
    }

    /**
     * Sorts {@code bodies[0, n)} (offsets of CSNS in {@code buf}) in place.
     *
     * @param commonBits leading CSNS bits shared by all records (the bucket number's bits, 0-63): skipped
     * @param keys       scratch of at least {@code n} longs
     */
    public static void sort(byte[] buf, int[] bodies, int n, int commonBits, long[] keys) {
        if (n < 2) {
            return;
        }
        int idxBits = 32 - Integer.numberOfLeadingZeros(n - 1);
        long idxMask = (1L << idxBits) - 1;
        for (int i = 0; i < n; i++) {
            int at = bodies[i];
            long hi = (long) SpillCodec.LONG.get(buf, at);
            long bits = commonBits == 0 ? hi
                : (hi << commonBits) | ((long) SpillCodec.LONG.get(buf, at + 8) >>> (64 - commonBits));
            // flip the sign bit so that a signed sort orders the keys as unsigned numbers
            keys[i] = ((bits >>> idxBits) << idxBits | i) ^ Long.MIN_VALUE;
        }
        Arrays.sort(keys, 0, n);
        int[] sorted = new int[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = bodies[(int) (keys[i] & idxMask)];
        }
        System.arraycopy(sorted, 0, bodies, 0, n);
        int i = 0;
        while (i < n) {
            long k = keys[i] >>> idxBits;
            int j = i + 1;
            while (j < n && keys[j] >>> idxBits == k) {
                j++;
            }
            if (j - i > 1) {
                sortRun(buf, bodies, i, j);
            }
            i = j;
        }
    }

    private static void sortRun(byte[] buf, int[] bodies, int from, int to) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int x = bodies[i];
                int j = i - 1;
                while (j >= from && compare(buf, bodies[j], x) > 0) {
                    bodies[j + 1] = bodies[j];
                    j--;
                }
                bodies[j + 1] = x;
            }
            return;
        }
        Integer[] run = new Integer[to - from];
        for (int i = from; i < to; i++) {
            run[i - from] = bodies[i];
        }
        Arrays.sort(run, (a, b) -> compare(buf, a, b));
        for (int i = from; i < to; i++) {
            bodies[i] = run[i - from];
        }
    }

    /** Compares the CSNS at {@code a} and {@code b} as unsigned bytes. */
    public static int compare(byte[] buf, int a, int b) {
        return Arrays.compareUnsigned(buf, a, a + SpillCodec.CSNS_BYTES, buf, b, b + SpillCodec.CSNS_BYTES);
    }
}
