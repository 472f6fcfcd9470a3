package org.enclave.compute.guard;

import java.util.List;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedGenerator;

/**
 * Every function call must name an allowlisted built-in ({@link FunctionAllowlist}) by its bare name.
 * Qualified names ({@code system.builtin.f}, {@code db.f}) and Spark-internal functions are refused,
 * so a temporary or persistent function of the same name can never be reached.
 */
final class FunctionCheck implements PlanCheck {

    @Override
    public void check(Visit visit, GuardContext context) {
        if (visit.node() instanceof UnresolvedFunction function) {
            require(visit, ScalaNames.lower(function.nameParts()), function.isInternal(), false);
        } else if (visit.node() instanceof UnresolvedGenerator generator) {
            require(visit, ScalaNames.lower(generator.name().nameParts()), false, true);
        }
    }

    private static void require(Visit visit, List<String> parts, boolean internal, boolean generator) {
        String shown = ScalaNames.display(parts);
        if (internal || parts.size() != 1) {
            throw visit.reject(RejectionCode.FORBIDDEN_FUNCTION, "function " + shown + " is not allowed; call built-in functions by their bare name");
        }
        String name = parts.get(0);
        boolean allowed = generator ? FunctionAllowlist.GENERATORS.contains(name) : FunctionAllowlist.allows(name);
        if (!allowed) {
            throw visit.reject(RejectionCode.FORBIDDEN_FUNCTION,
                    "function " + shown + " is not on the allowlist (see docs/sql-guard.md)");
        }
    }
}
