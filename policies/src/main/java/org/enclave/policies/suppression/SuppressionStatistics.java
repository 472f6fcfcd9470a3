package org.enclave.policies.suppression;

/**
 * What one {@link SecondarySuppression#protectWithStatistics} call did, for reports and benchmarks.
 *
 * @param primaryCount     number of primary cells
 * @param protectionLps    defender LPs solved (one per primary and direction still unprotected)
 * @param cleanupLps       attacker LPs solved while removing unnecessary secondaries
 * @param auditLps         attacker LPs solved by the final audit(s)
 * @param trivialBounds    bounds obtained without an LP (isolated cells, minima already seen at 0)
 * @param removedByCleanup secondaries removed again because the pattern stayed protected without them
 * @param rounds           suppress-cleanup-audit rounds (more than 1 only after a numerically short audit)
 * @param solverFailures   LPs the solver did not finish; their bounds were taken as disclosing
 */
public record SuppressionStatistics(
        int primaryCount,
        int protectionLps,
        int cleanupLps,
        int auditLps,
        int trivialBounds,
        int removedByCleanup,
        int rounds,
        int solverFailures) {

    /** Total number of LPs solved. */
    public int totalLps() {
        return protectionLps + cleanupLps + auditLps;
    }
}
