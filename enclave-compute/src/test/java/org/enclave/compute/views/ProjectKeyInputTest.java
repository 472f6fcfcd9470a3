package org.enclave.compute.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.enclave.compute.job.JobFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectKeyInputTest {

    static final byte[] KEY = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            KEY[i] = (byte) (i * 7 + 1);
        }
    }

    static final String BASE64 = Base64.getEncoder().encodeToString(KEY);

    @Test
    void readsBase64FromStandardInputOrAFile(@TempDir Path dir) throws Exception {
        ProjectKeyInput fromStdin = ProjectKeyInput.read(new ByteArrayInputStream((BASE64 + "\n").getBytes(StandardCharsets.US_ASCII)));
        Path file = Files.writeString(dir.resolve("key"), BASE64);
        ProjectKeyInput fromFile = ProjectKeyInput.read(file);
        assertThat(fromStdin.exposeKeyBytes()).isEqualTo(KEY);
        assertThat(fromStdin.sameKeyAs(fromFile)).isTrue();
    }

    @Test
    void toStringHoldsNoKeyMaterial() {
        ProjectKeyInput key = ProjectKeyInput.read(new ByteArrayInputStream(BASE64.getBytes(StandardCharsets.US_ASCII)));
        assertThat(key.toString()).doesNotContain(BASE64).contains("redacted");
    }

    @Test
    void refusesWrongInputWithoutEchoingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> ProjectKeyInput.read(new ByteArrayInputStream(shortKey.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.code()).isEqualTo("invalid-key"))
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> ProjectKeyInput.read(new ByteArrayInputStream("not base64!!".getBytes(StandardCharsets.US_ASCII))))
                .hasMessageNotContaining("not base64!!");
        assertThatThrownBy(() -> ProjectKeyInput.read(new ByteArrayInputStream(new byte[1000])))
                .isInstanceOf(JobFailure.class);
    }

    @Test
    void destroyWipesTheKey() {
        ProjectKeyInput key = ProjectKeyInput.read(new ByteArrayInputStream(BASE64.getBytes(StandardCharsets.US_ASCII)));
        key.destroy();
        assertThat(key.exposeKeyBytes()).containsOnly(0);
    }

    @Test
    void productionPidIsThePseudonymisersProjectPseudonym() {
        ProjectKeyInput key = ProjectKeyInput.read(new ByteArrayInputStream(BASE64.getBytes(StandardCharsets.US_ASCII)));
        byte[] keyBytes = key.exposeKeyBytes();
        PidFunction pid = ProjectPseudonyms.forProjectKey(key);
        key.destroy(); // the function keeps its own copy
        byte[] csns = new byte[32];
        for (int i = 0; i < csns.length; i++) {
            csns[i] = (byte) (7 * i + 1);
        }
        assertThat(pid.pid(csns)).isEqualTo(HmacPids.hmac(keyBytes, csns));
        assertThat(pid.pid(null)).isNull();
        assertThat(pid.toString()).doesNotContain(BASE64).isEqualTo("Pid[redacted]");
        assertThatThrownBy(() -> pid.pid(new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\u0001");
    }

    @Test
    void testPidIsHmacSha256OfTheCsnsBytes() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        byte[] mac = HmacPids.hmac("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
        assertThat(java.util.HexFormat.of().formatHex(mac))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
