package org.enclave.compute.guard;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedStar;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;

/**
 * Every column reference must name a granted column of a view or a name the query defines, possibly
 * behind a qualifier (a view, subquery or CTE name) and followed by struct fields.
 *
 * <p>This check explains refusals early and precisely; it is not the only wall. The views themselves
 * hold only granted columns (see {@code views.GrantedViews}), so even {@code SELECT *} cannot reach
 * anything else. The check is deliberately conservative about scope: a name defined anywhere in the
 * query counts as known everywhere, and the analyzer then rejects a name used out of its scope.
 */
final class ColumnCheck implements PlanCheck {

    /** Spark resolves these bare names to functions when no column has the name. */
    private static final Set<String> NILADIC = Set.of("current_date", "current_timestamp");

    @Override
    public void check(Visit visit, GuardContext context) {
        for (List<String> reference : ReferencedNames.at(visit)) {
            if (!known(reference, visit, context)) {
                throw visit.reject(RejectionCode.COLUMN_NOT_GRANTED,
                        ScalaNames.display(reference) + " is neither a granted column of the job's views nor a name defined in the query"
                                + " (granted: " + context.views() + ")");
            }
        }
    }

    private static boolean known(List<String> parts, Visit visit, GuardContext context) {
        String first = parts.get(0);
        if (isColumn(first, context)) {
            return true; // a column, possibly followed by struct fields
        }
        if (visit.node() instanceof UnresolvedStar) {
            return context.qualifiers().contains(first); // t.* : all of t's columns, which are granted or defined
        }
        if (parts.size() == 1) {
            return NILADIC.contains(first) || isGroupByAll(first, visit);
        }
        return context.qualifiers().contains(first) && isColumn(parts.get(1), context);
    }

    private static boolean isColumn(String name, GuardContext context) {
        return context.grantedColumns().contains(name) || context.definedNames().contains(name);
    }

    /** {@code GROUP BY ALL} reaches the parser as a grouping column named {@code all}. */
    private static boolean isGroupByAll(String name, Visit visit) {
        return "all".equals(name) && visit.parent() instanceof Aggregate aggregate
                && aggregate.groupingExpressions().contains(visit.node());
    }
}
