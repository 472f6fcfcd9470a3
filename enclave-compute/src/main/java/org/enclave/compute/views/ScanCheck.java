package org.enclave.compute.views;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationRef;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.sources.BaseRelation;
import org.enclave.compute.job.JobFailure;
import org.enclave.compute.job.JobStatus;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Defence in depth behind the SQL guard: after Spark's analysis, every leaf of the query's plan
 * (subqueries included) must be one of the job's views' own scans, or literal data (a one-row
 * relation, {@code VALUES}, a reference to a CTE defined in the same plan). Anything else (another
 * table, a file read by path, a table function) means a relation slipped past the guard: the job is
 * refused, fail closed.
 */
public final class ScanCheck {

    /** The code of the refusal. */
    public static final String CODE = "relation-not-granted";

    private ScanCheck() {
    }

    /** The scans under the job's views (compared by identity: each view holds its own scan). */
    public static Set<BaseRelation> granted(SparkSession spark, Iterable<String> views) {
        Set<BaseRelation> scans = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String view : views) {
            for (LogicalPlan leaf : leaves(spark.table(view).queryExecution().analyzed())) {
                if (leaf instanceof LogicalRelation relation) {
                    scans.add(relation.relation());
                }
            }
        }
        return scans;
    }

    /**
     * @param analyzed the analysed plan of the researcher's query
     * @param granted  {@link #granted} for the job's views
     * @throws JobFailure {@value #CODE} (status rejected) when a leaf is neither a granted scan nor literal data
     */
    public static void check(LogicalPlan analyzed, Set<BaseRelation> granted) {
        for (LogicalPlan leaf : leaves(analyzed)) {
            boolean literal = leaf instanceof OneRowRelation || leaf instanceof LocalRelation || leaf instanceof CTERelationRef;
            boolean scan = leaf instanceof LogicalRelation relation && granted.contains(relation.relation());
            if (!literal && !scan) {
                // IMPORTANT: the message names the kind of node only, never a path or a table's content.
                throw new JobFailure(JobStatus.REJECTED, CODE,
                        "the analysed query reads a relation that is not one of the job's views (" + leaf.nodeName() + ")", null);
            }
        }
    }

    /** Every leaf of the plan, including the plans of subquery expressions at any depth. */
    static List<LogicalPlan> leaves(LogicalPlan root) {
        List<LogicalPlan> leaves = new java.util.ArrayList<>();
        Deque<LogicalPlan> plans = new ArrayDeque<>(List.of(root));
        while (!plans.isEmpty()) {
            LogicalPlan plan = plans.pop();
            List<LogicalPlan> children = CollectionConverters.asJava(plan.children());
            if (children.isEmpty()) {
                leaves.add(plan);
            }
            plans.addAll(children);
            Deque<Expression> expressions = new ArrayDeque<>(CollectionConverters.asJava(plan.expressions()));
            while (!expressions.isEmpty()) {
                Expression e = expressions.pop();
                if (e instanceof SubqueryExpression subquery) {
                    plans.push(subquery.plan());
                }
                expressions.addAll(CollectionConverters.asJava(e.children()));
            }
        }
        return leaves;
    }
}
