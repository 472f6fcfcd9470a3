package org.enclave.pseudonymiser.csns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 4231 test cases for HMAC-SHA-256, and a cross-check against the JDK's Mac. */
class HmacSha256Test {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> rfc4231Cases() {
        return Stream.of(
            Arguments.of(1, "0b".repeat(20), "4869205468657265",
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            Arguments.of(2, "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            Arguments.of(3, "aa".repeat(20), "dd".repeat(50),
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            Arguments.of(4, "0102030405060708090a0b0c0d0e0f10111213141516171819", "cd".repeat(50),
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
            Arguments.of(6, "aa".repeat(131), hex("Test Using Larger Than Block-Size Key - Hash Key First"),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
            Arguments.of(7, "aa".repeat(131), hex("This is a test using a larger than block-size key and a larger than"
                    + " block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"));
    }

    private static String hex(String ascii) {
        return HEX.formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @ParameterizedTest(name = "RFC 4231 test case {0}")
    @MethodSource("rfc4231Cases")
    void rfc4231(int testCase, String key, String data, String expected) {
        byte[] mac = new HmacSha256(HEX.parseHex(key)).mac(HEX.parseHex(data));
        assertThat(HEX.formatHex(mac)).isEqualTo(expected);
    }

    @Test
    void rfc4231TestCase5Truncated() {
        byte[] mac = new HmacSha256(HEX.parseHex("0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c"))
            .mac(HEX.parseHex("546573742057697468205472756e636174696f6e"));
        assertThat(HEX.formatHex(mac).substring(0, 32)).isEqualTo("a3b6167473100ee06e0c796c2955552b");
    }

    @Test
    void agreesWithTheJdkMacOnRandomInputsAndIsReusable() throws Exception {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            byte[] key = new byte[1 + r.nextInt(100)];
            byte[] msg = new byte[r.nextInt(200)];
            fill(r, key);
            fill(r, msg);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            HmacSha256 fast = new HmacSha256(key);
            assertThat(fast.mac(msg)).isEqualTo(jdk.doFinal(msg));
            assertThat(fast.mac(msg)).isEqualTo(jdk.doFinal(msg));
        }
    }

    @Test
    void inPlaceMacOfA32ByteValue() {
        HmacSha256 h = new HmacSha256(new byte[32]);
        byte[] v = new byte[40];
        v[5] = 7;
        byte[] expected = h.mac(java.util.Arrays.copyOfRange(v, 4, 36));
        h.mac(v, 4, 32, v, 4);
        assertThat(java.util.Arrays.copyOfRange(v, 4, 36)).isEqualTo(expected);
    }

    private static void fill(SplittableRandom r, byte[] b) {
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
    }
}
