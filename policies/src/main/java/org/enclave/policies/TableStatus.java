package org.enclave.policies;

/**
 * Verdict on a whole table (see docs/policies.md, "Table status").
 * IMPORTANT: the names ({@link #id()}) appear in SDC records and CLI exit codes; never change them.
 */
public enum TableStatus {
    /** Every primary cell is protected and nothing needs a human: the table may go to the output checkers. */
    PASS("pass", 0),
    /** Automated protection is complete, but something (negatives, missing values) needs a human decision. */
    REVIEW("review", 3),
    /** The table cannot be released: a refused statistic, too few degrees of freedom, or protection not achieved. */
    FAIL("fail", 4);

    private final String id;
    private final int exitCode;

    TableStatus(String id, int exitCode) {
        this.id = id;
        this.exitCode = exitCode;
    }

    public String id() {
        return id;
    }

    /** Exit status of {@code policies check} for this verdict. */
    public int exitCode() {
        return exitCode;
    }
}
