package org.enclave.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pins the audit chain's canonical form (IMPORTANT: never to change). The expected hash was computed
 * independently of this code (Python's hashlib over the text below); if this test fails, the format
 * changed and every stored chain would stop verifying.
 */
class CanonicalFormTest {

    static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456Z");
    static final String SUBJECT = "0b9a6c1e-0000-4000-8000-000000000001";

    static SortedMap<String, String> details() {
        SortedMap<String, String> d = new TreeMap<>();
        d.put("b", "2");
        d.put("a", "é=x\ny"); // a multi-byte character, a separator and a newline: the length prefix counts bytes
        return d;
    }

    @Test
    void textIsExactlyTheDocumentedForm() {
        String expected = "enclave-audit-v1\n"
                + "seq=1:1\n"
                + "at=27:2026-01-02T03:04:05.123456Z\n"
                + "actor=5:alice\n"
                + "action=15:project.created\n"
                + "subject_type=7:project\n"
                + "subject_id=36:" + SUBJECT + "\n"
                + "outcome=4:DONE\n"
                + "detail.a=6:é=x\ny\n"
                + "detail.b=1:2\n"
                + "prev=64:" + "0".repeat(64) + "\n";
        assertThat(CanonicalForm.text(1, AT, "alice", "project.created", "project", SUBJECT, "DONE", details(), CanonicalForm.GENESIS))
                .isEqualTo(expected);
    }

    @Test
    void hashIsPinned() {
        assertThat(CanonicalForm.hash(1, AT, "alice", "project.created", "project", SUBJECT, "DONE", details(), CanonicalForm.GENESIS))
                .isEqualTo("1011549f2529e28f9117d326af2629c20f2723728ec26c29a6603c4611cc7d0b");
    }

    @Test
    void instantsAlwaysHaveSixFractionDigits() {
        String text = CanonicalForm.text(2, Instant.parse("2026-01-02T03:04:05Z"), "system", "x", "y", "z", "DONE",
                new TreeMap<>(), CanonicalForm.GENESIS);
        assertThat(text).contains("at=27:2026-01-02T03:04:05.000000Z\n");
    }

    @Test
    void everyFieldChangesTheHash() {
        String base = CanonicalForm.hash(1, AT, "alice", "a", "t", "s", "DONE", details(), CanonicalForm.GENESIS);
        assertThat(CanonicalForm.hash(2, AT, "alice", "a", "t", "s", "DONE", details(), CanonicalForm.GENESIS)).isNotEqualTo(base);
        assertThat(CanonicalForm.hash(1, AT.plusNanos(1000), "alice", "a", "t", "s", "DONE", details(), CanonicalForm.GENESIS)).isNotEqualTo(base);
        assertThat(CanonicalForm.hash(1, AT, "alicf", "a", "t", "s", "DONE", details(), CanonicalForm.GENESIS)).isNotEqualTo(base);
        assertThat(CanonicalForm.hash(1, AT, "alice", "a", "t", "s", "DENIED", details(), CanonicalForm.GENESIS)).isNotEqualTo(base);
        SortedMap<String, String> moved = new TreeMap<>(details());
        moved.put("b", "3");
        assertThat(CanonicalForm.hash(1, AT, "alice", "a", "t", "s", "DONE", moved, CanonicalForm.GENESIS)).isNotEqualTo(base);
        assertThat(CanonicalForm.hash(1, AT, "alice", "a", "t", "s", "DONE", details(), "1".repeat(64))).isNotEqualTo(base);
    }

    @Test
    void valuesCannotForgeFieldBoundaries() {
        // Without length prefixes, actor "a\naction=..." could imitate another entry.
        String forged = CanonicalForm.text(1, AT, "a\naction=1:b", "c", "t", "s", "DONE", new TreeMap<>(), CanonicalForm.GENESIS);
        String honest = CanonicalForm.text(1, AT, "a", "b", "t", "s", "DONE", new TreeMap<>(), CanonicalForm.GENESIS);
        assertThat(forged).isNotEqualTo(honest);
        assertThat(forged).contains("actor=12:a\naction=1:b\n");
    }

    @Test
    void sensitiveValuesAreStoredOnlyAsTheirHmac() {
        AuditHmacKey key = new AuditHmacKey(filled(0x0b));
        AuditEvent e = AuditEvent.of("alice", "project.created", "project", "p1", Outcome.DONE)
                .with("state", "DRAFT").sensitive("purpose", "Hi There");
        // Known answer computed independently (Python hmac, key = 32 bytes of 0x0b).
        assertThat(e.details(key)).containsEntry("purpose",
                "hmac-sha256:198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7");
        assertThat(e.details(key)).containsEntry("state", "DRAFT");
        assertThat(e.toString()).doesNotContain("Hi There");
    }

    @Test
    void chainSigningIsEd25519AsInRfc8032() {
        // RFC 8032 section 7.1, TEST 1: empty message.
        ChainSigningKey key = new ChainSigningKey(HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertThat(HexFormat.of().formatHex(Base64.getDecoder().decode(key.publicKeyBase64())))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        String signature = key.sign("");
        assertThat(HexFormat.of().formatHex(Base64.getDecoder().decode(signature))).isEqualTo(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                        + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        assertThat(key.verify("", signature)).isTrue();
        assertThat(key.verify("x", signature)).isFalse();
        assertThat(key.toString()).doesNotContain("9d61b1").contains("redacted");
    }

    static byte[] filled(int b) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) b);
        return bytes;
    }
}
