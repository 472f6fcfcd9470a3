package org.enclave.api.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import org.enclave.api.audit.AuditHmacKey;
import org.junit.jupiter.api.Test;

/** Typed key material: redacting toString, constant-time equality, AES key wrap known answer. */
class KeyTypesTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void aesKeyWrapMatchesRfc3394() throws GeneralSecurityException {
        // RFC 3394 section 4.6: 256 bits of key data with a 256-bit KEK.
        KeyEncryptionKey kek = new KeyEncryptionKey(HEX.parseHex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"));
        ProjectKey key = ProjectKey.ofUnwrapped(HEX.parseHex("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F"));
        byte[] wrapped = kek.wrap(key);
        assertThat(HEX.formatHex(wrapped)).isEqualToIgnoringCase(
                "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21");
        assertThat(kek.unwrap(wrapped)).isEqualTo(key);
    }

    @Test
    void unwrappingUnderAnotherKekFails() {
        KeyEncryptionKey kek = new KeyEncryptionKey(new byte[32]);
        KeyEncryptionKey other = new KeyEncryptionKey(HEX.parseHex("01".repeat(32)));
        byte[] wrapped = kek.wrap(ProjectKey.generate());
        assertThatThrownBy(() -> other.unwrap(wrapped)).isInstanceOf(GeneralSecurityException.class);
        assertThat(kek.id()).isNotEqualTo(other.id()).startsWith("kek:");
    }

    @Test
    void generatedKeysDifferAndDestroyZeroes() {
        ProjectKey a = ProjectKey.generate();
        ProjectKey b = ProjectKey.generate();
        assertThat(a).isNotEqualTo(b);
        a.destroy();
        assertThat(a).isEqualTo(ProjectKey.ofUnwrapped(new byte[32]));
    }

    @Test
    void toStringHoldsNoKeyMaterial() {
        byte[] bytes = HEX.parseHex("ab".repeat(32));
        ProjectKey key = ProjectKey.ofUnwrapped(bytes.clone());
        KeyEncryptionKey kek = new KeyEncryptionKey(bytes.clone());
        AuditHmacKey hmac = new AuditHmacKey(bytes.clone());
        for (Object o : new Object[] {key, kek, hmac}) {
            assertThat(o.toString()).contains("redacted").doesNotContainIgnoringCase("abab").doesNotContain("q6ur");
        }
        assertThat(kek.toString()).contains(kek.id());
    }
}
