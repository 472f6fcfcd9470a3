package org.enclave.compute.guard;

import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;

/**
 * Deny by default: every node must be of a class on {@link NodeAllowlist}. Runs after the specific
 * checks, so that well-known dangers get their own code and this one catches everything else
 * (pipe syntax, PIVOT, TABLESAMPLE, time travel, LATERAL subqueries, lambdas, DISTRIBUTE BY,
 * {@code IDENTIFIER(expression)}, recursive CTEs, and any node a future Spark adds).
 */
final class NodeAllowlistCheck implements PlanCheck {

    @Override
    public void check(Visit visit, GuardContext context) {
        Class<?> type = visit.node().getClass();
        if (type == AttributeReference.class && visit.parent() instanceof LocalRelation) {
            return; // the column list of a VALUES table of constants
        }
        if (visit.node() instanceof UnresolvedWith with && with.allowRecursion()) {
            throw visit.reject(RejectionCode.FORBIDDEN_CONSTRUCT, "recursive common table expressions are not allowed");
        }
        if (!NodeAllowlist.allows(type)) {
            throw visit.reject(RejectionCode.FORBIDDEN_CONSTRUCT,
                    describe(type) + " is not allowed in an analysis (see docs/sql-guard.md)");
        }
    }

    private static String describe(Class<?> type) {
        String name = type.getSimpleName().replace("$", "");
        return switch (name) {
            case "PipeOperator" -> "pipe syntax (|>)";
            case "Pivot" -> "PIVOT";
            case "Unpivot" -> "UNPIVOT";
            case "Sample" -> "TABLESAMPLE";
            case "RelationTimeTravel" -> "time travel (VERSION/TIMESTAMP AS OF)";
            case "LateralJoin", "LateralSubquery" -> "LATERAL subqueries";
            case "LambdaFunction", "UnresolvedNamedLambdaVariable" -> "lambda functions";
            case "RepartitionByExpression", "RebalancePartitions" -> "DISTRIBUTE BY / CLUSTER BY";
            case "PlanWithUnresolvedIdentifier", "ExpressionWithUnresolvedIdentifier" -> "IDENTIFIER(...) with a computed name";
            default -> "the construct " + name;
        };
    }
}
