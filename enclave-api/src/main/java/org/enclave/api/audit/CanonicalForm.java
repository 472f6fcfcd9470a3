package org.enclave.api.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import org.enclave.api.platform.InvariantViolation;

/**
 * The canonical serialisation of an audit entry, which its chain hash is computed over.
 *
 * <p>IMPORTANT: NEVER CHANGE THIS FORMAT. Every stored hash, every signed chain head and every
 * auditor's independent verifier depend on it byte for byte; {@code CanonicalFormTest} pins it with a
 * fixed expected hash. A new format needs a new version tag ({@code enclave-audit-v2}) recorded per
 * entry, and verifiers that keep reading v1.
 *
 * <p>The form (docs/api.md, "Audit canonical form"), UTF-8, each line ending in a single {@code \n}:
 * <pre>
 * enclave-audit-v1
 * seq=&lt;len&gt;:&lt;decimal seq&gt;
 * at=&lt;len&gt;:&lt;UTC instant, yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z' (always 6 fraction digits)&gt;
 * actor=&lt;len&gt;:&lt;username, or "system"&gt;
 * action=&lt;len&gt;:&lt;action&gt;
 * subject_type=&lt;len&gt;:&lt;subject type&gt;
 * subject_id=&lt;len&gt;:&lt;subject id&gt;
 * outcome=&lt;len&gt;:&lt;DONE | ALLOWED | DENIED&gt;
 * detail.&lt;key&gt;=&lt;len&gt;:&lt;value&gt;      (one line per detail, keys in ascending order)
 * prev=&lt;len&gt;:&lt;previous entry's hash, 64 zeros for the first entry&gt;
 * </pre>
 * {@code <len>} is the value's length in UTF-8 bytes, in decimal, so a value may contain any character
 * (even {@code \n} or {@code =}) without ambiguity. Detail keys match {@code [a-z0-9_.-]+}, so their
 * order is the same compared as bytes or as characters. The hash is the lowercase hexadecimal SHA-256
 * of these bytes.
 */
public final class CanonicalForm {

    public static final String VERSION_LINE = "enclave-audit-v1";
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private CanonicalForm() {
    }

    public static String text(long seq, Instant at, String actor, String action, String subjectType,
                              String subjectId, String outcome, SortedMap<String, String> details, String prev) {
        StringBuilder out = new StringBuilder(256).append(VERSION_LINE).append('\n');
        field(out, "seq", Long.toString(seq));
        field(out, "at", AT.format(at));
        field(out, "actor", actor);
        field(out, "action", action);
        field(out, "subject_type", subjectType);
        field(out, "subject_id", subjectId);
        field(out, "outcome", outcome);
        for (Map.Entry<String, String> d : details.entrySet()) {
            field(out, "detail." + d.getKey(), d.getValue());
        }
        field(out, "prev", prev);
        return out.toString();
    }

    public static String hash(long seq, Instant at, String actor, String action, String subjectType,
                              String subjectId, String outcome, SortedMap<String, String> details, String prev) {
        return sha256Hex(text(seq, at, actor, action, subjectType, subjectId, outcome, details, prev));
    }

    /** The message signed for a chain head (also never to change): version line, seq and hash. */
    public static String headText(long seq, String hash) {
        StringBuilder out = new StringBuilder("enclave-audit-head-v1\n");
        field(out, "seq", Long.toString(seq));
        field(out, "hash", hash);
        return out.toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append('=').append(value.getBytes(StandardCharsets.UTF_8).length).append(':')
                .append(value).append('\n');
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new InvariantViolation("SHA-256 missing from the JDK", e);
        }
    }
}
