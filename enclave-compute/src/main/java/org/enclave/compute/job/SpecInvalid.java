package org.enclave.compute.job;

/**
 * The job spec breaks the contract (docs/job-contract.md). The message names the field, e.g.
 * {@code tables[1].columns[0]}; it is a fault of the caller (the API), reported as {@code failed} with
 * code {@code invalid-spec}.
 */
public final class SpecInvalid extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public SpecInvalid(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The JSON path of the offending field. */
    public String field() {
        return field;
    }
}
