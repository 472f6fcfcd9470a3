package org.enclave.api.audit;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a feature asks the audit log to record. Sensitive values (free text, reasons, addresses) are
 * added with {@link #sensitive}, which stores only their keyed hash ({@code hmac-sha256:<hex>}), so
 * an auditor can check a value they hold without the log disclosing it.
 */
public final class AuditEvent {

    /** Detail keys are restricted so that their sort order is the same in every language (bytes = chars). */
    private static final Pattern KEY = Pattern.compile("[a-z0-9_.\\-]{1,64}");

    private final String actor;
    private final String action;
    private final String subjectType;
    private final String subjectId;
    private final Outcome outcome;
    private final SortedMap<String, String> plain = new TreeMap<>();
    private final SortedMap<String, String> sensitive = new TreeMap<>();

    private AuditEvent(String actor, String action, String subjectType, String subjectId, Outcome outcome) {
        this.actor = Objects.requireNonNull(actor);
        this.action = Objects.requireNonNull(action);
        this.subjectType = Objects.requireNonNull(subjectType);
        this.subjectId = Objects.requireNonNull(subjectId);
        this.outcome = Objects.requireNonNull(outcome);
    }

    public static AuditEvent of(String actor, String action, String subjectType, Object subjectId, Outcome outcome) {
        return new AuditEvent(actor, action, subjectType, String.valueOf(subjectId), outcome);
    }

    /** A value recorded as is (states, ids, dates, counts). Null values are skipped. */
    public AuditEvent with(String key, Object value) {
        if (value != null) {
            plain.put(checkKey(key), String.valueOf(value));
        }
        return this;
    }

    /** A value recorded only as its HMAC. Null values are skipped. */
    public AuditEvent sensitive(String key, String value) {
        if (value != null) {
            sensitive.put(checkKey(key), value);
        }
        return this;
    }

    private String checkKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("audit detail key must match " + KEY + ": " + key);
        }
        if (plain.containsKey(key) || sensitive.containsKey(key)) {
            throw new IllegalArgumentException("duplicate audit detail key " + key);
        }
        return key;
    }

    public String actor() { return actor; }
    public String action() { return action; }
    public String subjectType() { return subjectType; }
    public String subjectId() { return subjectId; }
    public Outcome outcome() { return outcome; }

    /** The details as written: plain values as given, sensitive ones replaced by their HMAC. */
    SortedMap<String, String> details(AuditHmacKey key) {
        SortedMap<String, String> out = new TreeMap<>(plain);
        sensitive.forEach((k, v) -> out.put(k, key.hmac(v)));
        return Collections.unmodifiableSortedMap(out);
    }

    @Override
    public String toString() {
        // Sensitive values are never printed.
        return "AuditEvent[" + action + " " + subjectType + "/" + subjectId + " by " + actor + " " + outcome
                + " " + plain + " sensitive=" + sensitive.keySet() + "]";
    }
}
