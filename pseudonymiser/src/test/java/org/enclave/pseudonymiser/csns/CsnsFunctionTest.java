package org.enclave.pseudonymiser.csns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.enclave.pseudonymiser.key.KeyRef;
import org.enclave.pseudonymiser.key.MasterKey;
import org.enclave.pseudonymiser.key.MasterKeyChain;
import org.enclave.pseudonymiser.nir.Nir;
import org.junit.jupiter.api.Test;

/**
 * Pins the CSNS-v1 encoding with known answers (computed independently with Python's hmac module).
 * IMPORTANT: if this test fails, the encoding changed and every CSNS in the lake would silently unlink.
 */
class CsnsFunctionTest {
    static final byte[] K1 = new byte[32];
    static final byte[] K2 = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            K1[i] = (byte) i;
            K2[i] = 0x42;
        }
    }

    static MasterKeyChain chain(int versions) {
        MasterKey v1 = new MasterKey(new KeyRef("test", 1), K1);
        return versions == 1 ? new MasterKeyChain(List.of(v1))
            : new MasterKeyChain(List.of(v1, new MasterKey(new KeyRef("test", 2), K2)));
    }

    @Test
    void encodingV1IsPrefixPipeBody() {
        byte[] out = new byte[CsnsEncoding.V1.encodedLength()];
        CsnsEncoding.V1.encode("2951099126111".getBytes(StandardCharsets.US_ASCII), out);
        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("CSNS-v1|2951099126111");
        assertThat(CsnsEncoding.V1.id()).isEqualTo("CSNS-v1");
    }

    @Test
    void knownAnswerVersion1() {
        CsnsFunction f = CsnsFunction.latest(chain(1), CsnsEncoding.V1);
        assertThat(HexFormat.of().formatHex(f.csns(Nir.parse("295109912611193"))))
            .isEqualTo("64a001e4fd798116c775817255d3eb5aa71e5aa1b9e51242ba0bba33577e0299");
        assertThat(HexFormat.of().formatHex(f.csns(Nir.parse("2 53 07 2B 073 004 70"))))
            .isEqualTo("e654c88cb962f94b6ba27c8e91fc05e08f50853b405f4d251cfa2e6d6c714ade");
    }

    @Test
    void version2IsTheChainAndRekeyAgrees() {
        MasterKeyChain keys = chain(2);
        byte[] v1 = CsnsFunction.atVersion(keys, 1, CsnsEncoding.V1).csns(Nir.parse("295109912611193"));
        byte[] v2 = CsnsFunction.latest(keys, CsnsEncoding.V1).csns(Nir.parse("295109912611193"));
        assertThat(HexFormat.of().formatHex(v2))
            .isEqualTo("734f31895beac679026cdfe725edda0134d9370520350325107f3872404f6f33");
        CsnsRekey.between(keys, 1, 2).apply(v1, 0);
        assertThat(v1).isEqualTo(v2);
    }

    @Test
    void separatorsDoNotChangeTheCsns() {
        CsnsFunction f = CsnsFunction.latest(chain(1), CsnsEncoding.V1);
        assertThat(f.csns(Nir.parse("2-95-10-99-126-111-93"))).isEqualTo(f.csns(Nir.parse("295109912611193")));
    }
}
