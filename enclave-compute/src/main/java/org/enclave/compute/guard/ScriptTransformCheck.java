package org.enclave.compute.guard;

import org.apache.spark.sql.catalyst.plans.logical.ScriptTransformation;

/** {@code SELECT TRANSFORM(...) USING 'command'} pipes rows through an operating-system process. */
final class ScriptTransformCheck implements PlanCheck {

    @Override
    public void check(Visit visit, GuardContext context) {
        if (visit.node() instanceof ScriptTransformation) {
            throw visit.reject(RejectionCode.SCRIPT_TRANSFORM, "TRANSFORM ... USING runs an external program and is not allowed");
        }
    }
}
