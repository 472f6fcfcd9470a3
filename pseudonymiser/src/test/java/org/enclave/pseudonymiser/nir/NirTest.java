package org.enclave.pseudonymiser.nir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.LongStream;
import org.enclave.pseudonymiser.testing.NirFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NirTest {

    @ParameterizedTest
    @ValueSource(strings = {"295109912611193", "253072B07300470", "2 95 10 99 126 111 93", "2.95.10.99.126.111.93",
        "2-95-10-99-126-111-93", "253072b07300470"})
    void validVectors(String value) {
        Nir nir = Nir.parse(value);
        assertThat(nir.isTemporary()).isFalse();
        assertThat(nir.quality()).isEmpty();
    }

    @Test
    void canonicalBodyKeepsCorsicaAsLetters() {
        assertThat(new String(Nir.parse("253072b07300470").canonicalBodyAscii(), StandardCharsets.US_ASCII))
            .isEqualTo("253072B073004");
        assertThat(new String(Nir.parse("2 95 10 99 126 111 93").canonicalBodyAscii(), StandardCharsets.US_ASCII))
            .isEqualTo("2951099126111");
    }

    @Test
    void corsicaKeyUses19And18() {
        // 2A -> 19, 2B -> 18 for the key only
        assertThat(NirParser.checkKey("253072B073004".getBytes(StandardCharsets.US_ASCII))).isEqualTo(70);
        assertThat(NirParser.checkKey("1850719001001".getBytes(StandardCharsets.US_ASCII)))
            .isEqualTo(NirParser.checkKey("185072A001001".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void wrongCheckKeyIncludingOutOfRangeKeys() {
        assertThatThrownBy(() -> Nir.parse("295109912611100")).hasMessage("invalid NIR (check key)");
        assertThatThrownBy(() -> Nir.parse("295109912611198")).hasMessage("invalid NIR (check key)");
        assertThatThrownBy(() -> Nir.parse("295109912611199"))
            .isInstanceOf(InvalidNirException.class)
            .hasMessage("invalid NIR (check key)")
            .satisfies(e -> assertThat(((InvalidNirException) e).error().reasonCode()).isEqualTo("nir-check-key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"253072C07300443", "29510991261119", "2951099126111933", "595109912611193",
        "295139912611193", "295100012611193", "2951099126111AB", "29510A912611193", "2A5109912611193",
        "295109912611198x", "29510991261119O"})
    void badFormat(String value) {
        assertThatThrownBy(() -> Nir.parse(value))
            .isInstanceOf(InvalidNirException.class)
            .hasMessage("invalid NIR (format)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", " - . "})
    void missing(String value) {
        assertThatThrownBy(() -> Nir.parse(value)).hasMessage("missing NIR");
    }

    @Test
    void temporaryNumbersAreFlaggedNotRejected() {
        for (char first : new char[] {'3', '4', '7', '8'}) {
            Nir nir = Nir.parse(NirFixtures.withKey(first + "951099126111"));
            assertThat(nir.isTemporary()).isTrue();
            assertThat(nir.quality()).containsExactly(NirQuality.TEMPORARY);
        }
    }

    @Test
    void fictitiousMonthsAreFlagged() {
        for (String month : new String[] {"20", "30", "42", "50", "99"}) {
            assertThat(Nir.parse(NirFixtures.withKey("195" + month + "99126111")).quality())
                .containsExactly(NirQuality.FICTITIOUS_MONTH);
        }
        for (String month : new String[] {"00", "13", "19", "21", "43", "49"}) {
            assertThatThrownBy(() -> Nir.parse(NirFixtures.withKey("195" + month + "99126111")))
                .hasMessage("invalid NIR (format)");
        }
    }

    @Test
    void neverShowsTheDigits() {
        Nir nir = Nir.parse("295109912611193");
        assertThat(nir.toString()).doesNotContainPattern("\\d{3}").isEqualTo("Nir[redacted]");
        try {
            Nir.parse("295109912611199");
        } catch (InvalidNirException e) {
            assertThat(e.getMessage()).doesNotContainPattern("\\d{2}");
            assertThat(e.toString()).doesNotContain("2951099");
        }
    }

    @Test
    void equalityIsByBody() {
        assertThat(Nir.parse("2 95 10 99 126 111 93")).isEqualTo(Nir.parse("295109912611193"))
            .hasSameHashCodeAs(Nir.parse("295109912611193"));
    }

    static LongStream seeds() {
        return new java.util.SplittableRandom(97L).longs(300, 0, 1_000_000);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void generatedNirsAreValidAndAWrongKeyIsCaught(long seed) {
        NirFixtures f = new NirFixtures(seed);
        String body = f.body(seed % 7 == 0);
        assertThat(Nir.parse(NirFixtures.withKey(body)).isTemporary()).isEqualTo(seed % 7 == 0);
        assertThatThrownBy(() -> Nir.parse(NirFixtures.withWrongKey(body))).hasMessage("invalid NIR (check key)");
    }
}
