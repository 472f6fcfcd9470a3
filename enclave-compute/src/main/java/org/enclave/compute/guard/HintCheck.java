package org.enclave.compute.guard;

import org.apache.spark.sql.catalyst.plans.logical.UnresolvedHint;

/**
 * Hints ({@code /*+ BROADCAST(t) *}{@code /}, {@code REPARTITION}, {@code COALESCE}...) are refused:
 * they are not needed for correct results, and a hint hidden in a comment-like syntax is a classic
 * way to slip something past a reviewer of the SQL.
 */
final class HintCheck implements PlanCheck {

    @Override
    public void check(Visit visit, GuardContext context) {
        if (visit.node() instanceof UnresolvedHint hint) {
            throw visit.reject(RejectionCode.HINT, "hints are not allowed (found " + hint.name() + ")");
        }
    }
}
