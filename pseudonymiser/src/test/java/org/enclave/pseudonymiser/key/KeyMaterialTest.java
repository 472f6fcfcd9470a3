package org.enclave.pseudonymiser.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.enclave.pseudonymiser.project.ProjectPseudonymiser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Each key type: toString holds no key material; equality is by material; destroy zeroes. */
class KeyMaterialTest {
    static final byte[] MATERIAL = HexFormat.of().parseHex(
        "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90");

    static Stream<Arguments> keyTypes() {
        return Stream.of(
            Arguments.of("MasterKey", (Function<byte[], SecretKeyMaterial>) b -> new MasterKey(new KeyRef("k1", 3), b)),
            Arguments.of("ProjectKey", (Function<byte[], SecretKeyMaterial>) b -> new ProjectKey("proj-7", b)));
    }

    @ParameterizedTest(name = "{0}.toString holds no key material")
    @MethodSource("keyTypes")
    void toStringHoldsNoKeyMaterial(String type, Function<byte[], SecretKeyMaterial> make) {
        SecretKeyMaterial k = make.apply(MATERIAL);
        String s = k.toString();
        assertThat(s).startsWith(type + "[").contains("<redacted>");
        assertThat(s.toLowerCase()).doesNotContain(HexFormat.of().formatHex(MATERIAL).substring(0, 8));
        assertThat(s).doesNotContain(Base64.getEncoder().encodeToString(MATERIAL).substring(0, 8));
        assertThat(s).doesNotContain(java.util.Arrays.toString(MATERIAL).substring(1, 12));
        assertThat(s).doesNotContain(new String(MATERIAL, java.nio.charset.StandardCharsets.ISO_8859_1).substring(0, 4));
    }

    @ParameterizedTest(name = "{0} equality and destroy")
    @MethodSource("keyTypes")
    void equalityAndDestroy(String type, Function<byte[], SecretKeyMaterial> make) {
        SecretKeyMaterial a = make.apply(MATERIAL);
        SecretKeyMaterial b = make.apply(MATERIAL.clone());
        byte[] other = MATERIAL.clone();
        other[31] ^= 1;
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(make.apply(other));
        assertThat(a.unsafeBytes()).isEqualTo(MATERIAL).isNotSameAs(a.unsafeBytes());
        a.destroy();
        assertThat(a.isDestroyed()).isTrue();
        assertThatThrownBy(a::unsafeBytes).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keysOfDifferentTypesAreNeverEqualAndLengthIsEnforced() {
        assertThat((Object) new MasterKey(new KeyRef("k1", 1), MATERIAL)).isNotEqualTo(new ProjectKey("p", MATERIAL));
        assertThatThrownBy(() -> new ProjectKey("p", new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void projectPseudonymiserToStringHoldsNoKeyMaterial() {
        ProjectPseudonymiser p = ProjectPseudonymiser.of(new ProjectKey("proj-7", MATERIAL));
        assertThat(p.toString()).contains("<redacted>").doesNotContain("a1b2c3");
    }

    @Test
    void chainRequiresConsecutiveVersions() {
        assertThatThrownBy(() -> new MasterKeyChain(List.of(new MasterKey(new KeyRef("k", 2), MATERIAL))))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
