package org.enclave.compute.guard;

import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;

/**
 * Table-valued functions in FROM ({@code range}, {@code read_files}, {@code explode} as a table,
 * {@code sql_keywords}...) are refused: some read files, and none is needed over the job's views
 * ({@code LATERAL VIEW explode(...)} remains available).
 */
final class TableFunctionCheck implements PlanCheck {

    @Override
    public void check(Visit visit, GuardContext context) {
        if (visit.node() instanceof UnresolvedTableValuedFunction function) {
            throw visit.reject(RejectionCode.TABLE_FUNCTION,
                    "table-valued functions are not allowed (" + ScalaNames.display(ScalaNames.lower(function.name())) + ")");
        }
    }
}
