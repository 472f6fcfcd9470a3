package org.enclave.policies.check;

/**
 * Why a table fails as a whole. Codes are stable (they appear in SDC records):
 * {@code statistic-refused}, {@code dof}, {@code protection-not-achieved}, {@code suppression-failed}.
 *
 * @param code    stable machine-readable code
 * @param message one line for the output checker; never a cell's figures
 */
public record Refusal(String code, String message) {

    public static final String STATISTIC_REFUSED = "statistic-refused";
    public static final String DOF = "dof";
    public static final String PROTECTION_NOT_ACHIEVED = "protection-not-achieved";
    public static final String SUPPRESSION_FAILED = "suppression-failed";
}
