package org.enclave.policies;

/** What happens to one cell. IMPORTANT: the names ({@link #id()}) appear in SDC records and must never change. */
public enum Outcome {
    /** Released (possibly rounded). */
    OK("ok"),
    /** Withheld because a primary rule applies to the cell itself. */
    PRIMARY("primary"),
    /** Withheld to protect a primary cell from being recomputed from the margins. */
    SECONDARY("secondary");

    private final String id;

    Outcome(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
