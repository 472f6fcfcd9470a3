package org.enclave.compute.guard;

import org.apache.spark.sql.catalyst.analysis.NamedParameter;
import org.apache.spark.sql.catalyst.analysis.PosParameter;

/** Parameter markers ({@code ?}, {@code :name}): a job's SQL is complete in itself and carries no parameters. */
final class ParameterCheck implements PlanCheck {

    @Override
    public void check(Visit visit, GuardContext context) {
        if (visit.node() instanceof PosParameter || visit.node() instanceof NamedParameter) {
            throw visit.reject(RejectionCode.PARAMETER, "parameter markers are not allowed; write the value in the query");
        }
    }
}
