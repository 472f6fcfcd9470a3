package org.enclave.policies.rounding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CountRoundingTest {

    private final CountRounding nearest5 = new CountRounding(RoundingMethod.NEAREST, 5);
    private final CountRounding midpoint6 = new CountRounding(RoundingMethod.MIDPOINT, 6);

    @Test
    void nearestFive() {
        long[] in = {0, 1, 2, 3, 4, 5, 7, 8, 12, 13, 100, 102, 103};
        long[] out = {0, 0, 0, 5, 5, 5, 5, 10, 10, 15, 100, 100, 105};
        for (int i = 0; i < in.length; i++) {
            assertThat(nearest5.round(in[i])).as("round(%d)", in[i]).isEqualTo(out[i]);
        }
    }

    @Test
    void nearestEvenBaseRoundsHalvesUp() {
        CountRounding nearest10 = new CountRounding(RoundingMethod.NEAREST, 10);
        assertThat(nearest10.round(4)).isZero();
        assertThat(nearest10.round(5)).isEqualTo(10);
        assertThat(nearest10.round(15)).isEqualTo(20);
    }

    @Test
    void midpointSixAsPublishedByOpenSafely() {
        // 0 -> 0, 1-6 -> 3, 7-12 -> 9, 13-18 -> 15 (OpenSAFELY documentation, "Midpoint 6 rounding").
        assertThat(midpoint6.round(0)).isZero();
        for (long x = 1; x <= 6; x++) {
            assertThat(midpoint6.round(x)).isEqualTo(3);
        }
        for (long x = 7; x <= 12; x++) {
            assertThat(midpoint6.round(x)).isEqualTo(9);
        }
        for (long x = 13; x <= 18; x++) {
            assertThat(midpoint6.round(x)).isEqualTo(15);
        }
    }

    @Test
    void countsAreNeverNegative() {
        assertThatThrownBy(() -> nearest5.round(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Small counts exhaustively, then seeded random counts up to 10^9 (same cases every run). */
    static LongStream counts() {
        Random random = new Random(6_2026L);
        return LongStream.concat(LongStream.rangeClosed(0, 200),
                LongStream.generate(() -> (long) (random.nextDouble() * 1_000_000_000L)).limit(500));
    }

    @ParameterizedTest
    @MethodSource("counts")
    void nearestIsWithinHalfABase(long x) {
        long r = nearest5.round(x);
        assertThat(r % 5).isZero();
        assertThat(Math.abs(r - x)).isLessThanOrEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("counts")
    void midpointKeepsZeroAndBoundsTheTruth(long x) {
        long r = midpoint6.round(x);
        if (x == 0) {
            assertThat(r).isZero();
        } else {
            // A published r stands for the six counts r-2 .. r+3.
            assertThat(x).isBetween(r - 2, r + 3);
            assertThat((r - 3) % 6).isZero();
        }
    }
}
