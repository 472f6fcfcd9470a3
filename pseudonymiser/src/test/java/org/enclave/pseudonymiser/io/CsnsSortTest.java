package org.enclave.pseudonymiser.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bucket sort agrees with {@link Arrays#compareUnsigned} on 32-byte values, including values that share their
 * leading bits (the bucket prefix and beyond the 64-bit key), duplicates, and bytes with the top bit set.
 */
class CsnsSortTest {

    @ParameterizedTest(name = "n={0} commonBits={1} distinct={2} seed={3}")
    @CsvSource({
        "0, 0, 1, 1", "1, 3, 1, 2", "2, 0, 2, 3", "17, 4, 3, 4", "1000, 0, 1000, 5", "5000, 7, 300, 6",
        "5000, 12, 5000, 7", "3000, 16, 2, 8", "20000, 5, 20000, 9"})
    void ordersAsUnsignedBytes(int n, int commonBits, int distinct, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[][] values = new byte[distinct][];
        for (int i = 0; i < distinct; i++) {
            byte[] v = new byte[32];
            for (int j = 0; j < 32; j++) {
                v[j] = (byte) r.nextInt(256);
            }
            // every value shares the bucket's leading bits: here, all ones
            for (int b = 0; b < commonBits; b++) {
                v[b / 8] |= (byte) (0x80 >>> (b % 8));
            }
            if (i % 3 == 1) {
                // agree with another value beyond the 64-bit key, differ only in the last byte
                System.arraycopy(values[i - 1], 0, v, 0, 31);
            }
            values[i] = v;
        }
        int gap = 5; // records are not contiguous CSNS: leave bytes between them
        byte[] buf = new byte[Math.max(1, n) * (32 + gap)];
        int[] bodies = new int[n];
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] v = values[r.nextInt(distinct)];
            bodies[i] = i * (32 + gap) + gap;
            System.arraycopy(v, 0, buf, bodies[i], 32);
            expected.add(v);
        }
        expected.sort(Arrays::compareUnsigned);
        CsnsSort.sort(buf, bodies, n, commonBits, new long[n]);
        for (int i = 0; i < n; i++) {
            assertThat(Arrays.copyOfRange(buf, bodies[i], bodies[i] + 32)).as("position %d", i)
                .isEqualTo(expected.get(i));
        }
        assertThat(Arrays.stream(bodies).distinct().count()).isEqualTo(n);
    }
}
