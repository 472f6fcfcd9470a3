package org.enclave.compute.guard;

/**
 * One rule of the guard, applied to every node of the parsed plan. A check only throws
 * {@link AnalysisRejected}; it never changes anything.
 */
interface PlanCheck {

    /**
     * @param visit   the node and where it is; not {@code null}
     * @param context the views and names of the analysis; not {@code null}
     * @throws AnalysisRejected when the node breaks this rule
     */
    void check(Visit visit, GuardContext context);
}
