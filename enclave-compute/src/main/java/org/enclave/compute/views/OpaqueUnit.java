package org.enclave.compute.views;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.EqualNullSafe;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.OuterReference;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.Distinct;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.Join;
import org.apache.spark.sql.catalyst.plans.logical.LocalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Offset;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.Sample;
import org.apache.spark.sql.catalyst.plans.logical.Sort;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.Tail;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.catalyst.plans.logical.Window;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.sources.BaseRelation;
import org.enclave.compute.job.TableSpec;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Decides whether an aggregate's analysed plan uses the views' {@code pid} as an <em>opaque</em> unit:
 * its values are only passed through, unchanged, to the output's unit column, or compared for
 * equality with another view's {@code pid}. Then the statistics are the same whatever bijection of
 * the person the {@code pid} holds, and the plan may run over the CSNS itself
 * ({@link GrantedViews.Unit#CSNS}): no HMAC per row, and rows stored in CSNS order stay in order.
 *
 * <p>IMPORTANT (deny by default): any other use refuses the shortcut, and the job runs over the
 * pseudonym as always. Refused: a {@code pid} inside any function, cast, filter or sort expression, a
 * comparison with anything but another {@code pid}, a {@code pid} reaching any node other than
 * projections, filters, joins, sorts, limits, {@code DISTINCT} and view wrappers (so set operations,
 * aggregates, windows, generators and CTE definitions that see a {@code pid} refuse it), and a
 * {@code pid} in an output column other than the unit: a dimension or a measure holding CSNS values
 * would be released. A subquery whose result holds a pid counts as a use wherever it appears (its
 * value would otherwise carry CSNS bytes into a dimension, or make an oracle of {@code IN}). Order
 * matters too: limits, offsets and samples are refused in a plan that holds a pid, aggregates and
 * windows above a {@code DISTINCT} or join that sees a pid (its shuffle orders rows by the pid's value),
 * and non-deterministic expressions anywhere. The check reads the analysed plan that will run,
 * subqueries included.
 */
public final class OpaqueUnit {

    private OpaqueUnit() {
    }

    /**
     * @param analyzed the analysed plan of the researcher's query over {@link GrantedViews.Unit#CSNS} views
     * @param granted  the views' own scans ({@link ScanCheck#granted})
     * @param unit     the output's unit column
     * @param released the output's dimension and measure columns, whose values are published: a pid
     *                 there (even when it is also the unit) refuses the shortcut
     * @return empty when the unit is opaque; else why not (node and construct names only, never data)
     */
    public static Optional<String> check(LogicalPlan analyzed, Set<BaseRelation> granted, String unit, List<String> released) {
        List<LogicalPlan> plans = plans(analyzed);
        Set<ExprId> pids = new HashSet<>();
        // By identity: the views' own projections, directly over their scans.
        Set<LogicalPlan> sources = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (LogicalPlan plan : plans) {
            if (plan instanceof Project project && project.child() instanceof LogicalRelation relation
                    && granted.contains(relation.relation())) {
                sources.add(project);
                for (NamedExpression e : list(project.projectList())) {
                    if (e instanceof Alias alias && alias.name().equals(TableSpec.PID)) {
                        pids.add(alias.exprId());
                    }
                }
            }
        }
        // Renames of a pid are pids too (to a fixed point: a rename may sit in a subquery's plan).
        boolean grew = true;
        while (grew) {
            grew = false;
            for (LogicalPlan plan : plans) {
                if (plan instanceof Project project && !sources.contains(project)) {
                    for (NamedExpression e : list(project.projectList())) {
                        if (e instanceof Alias alias && alias.child() instanceof AttributeReference a
                                && pids.contains(a.exprId()) && pids.add(alias.exprId())) {
                            grew = true;
                        }
                    }
                }
            }
        }
        for (LogicalPlan plan : plans) {
            if (sources.contains(plan)) {
                continue;
            }
            boolean seesPid = false;
            for (LogicalPlan child : list(plan.children())) {
                seesPid |= list(child.output()).stream().anyMatch(a -> pids.contains(a.exprId()));
            }
            if (seesPid && !passesThrough(plan)) {
                return Optional.of("a pid reaches a " + plan.nodeName() + " node");
            }
            Optional<String> use = uses(plan, pids);
            if (use.isPresent()) {
                return use;
            }
        }
        // Order: the statistics are the same over any bijection only if nothing depends on the order of
        // rows, which a shuffle or a sort keyed on the pid (DISTINCT, a join on pid = pid) would set by the
        // CSNS's value. Limits, offsets and samples choose rows by order: refused whenever a pid is in
        // the plan; aggregates and windows (order-sensitive functions, floating-point sums) above such a
        // shuffle: refused too; non-deterministic expressions: refused anywhere.
        boolean anyPid = plans.stream().anyMatch(p -> list(p.output()).stream().anyMatch(a -> pids.contains(a.exprId())));
        boolean reordered = plans.stream().anyMatch(p -> (p instanceof Distinct || p instanceof Join)
                && list(p.children()).stream().anyMatch(c -> list(c.output()).stream().anyMatch(a -> pids.contains(a.exprId()))));
        for (LogicalPlan plan : plans) {
            boolean choosesRows = plan instanceof GlobalLimit || plan instanceof LocalLimit || plan instanceof Offset
                    || plan instanceof Tail || plan instanceof Sample;
            if (anyPid && choosesRows) {
                return Optional.of("a " + plan.nodeName() + " node chooses rows in a plan that holds a pid");
            }
            if (reordered && (plan instanceof Aggregate || plan instanceof Window)) {
                return Optional.of("a " + plan.nodeName() + " node is above rows shuffled by a pid");
            }
            for (Expression e : list(plan.expressions())) {
                if (!e.deterministic()) {
                    return Optional.of("a non-deterministic expression in a " + plan.nodeName() + " node");
                }
            }
        }
        Set<String> published = new HashSet<>();
        released.forEach(c -> published.add(c.toLowerCase(Locale.ROOT)));
        for (Attribute a : list(analyzed.output())) {
            String name = a.name().toLowerCase(Locale.ROOT);
            if (pids.contains(a.exprId()) && (!name.equals(unit.toLowerCase(Locale.ROOT)) || published.contains(name))) {
                return Optional.of("a pid is output in a column other than the unit");
            }
        }
        return Optional.empty();
    }

    /** Nodes that pass their children's rows through without computing on the values they do not name. */
    private static boolean passesThrough(LogicalPlan plan) {
        return plan instanceof Project || plan instanceof Filter || plan instanceof Join || plan instanceof Sort
                || plan instanceof GlobalLimit || plan instanceof LocalLimit || plan instanceof Distinct
                || plan instanceof SubqueryAlias || plan instanceof View;
    }

    /** How the node's own expressions use pids: only whole-value projections and pid = pid comparisons. */
    private static Optional<String> uses(LogicalPlan plan, Set<ExprId> pids) {
        List<Expression> expressions = new ArrayList<>();
        if (plan instanceof Project project) {
            for (NamedExpression e : list(project.projectList())) {
                if (e instanceof AttributeReference) {
                    continue; // passed through unchanged
                }
                if (e instanceof Alias alias && alias.child() instanceof AttributeReference) {
                    continue; // renamed
                }
                expressions.add((Expression) e);
            }
        } else if (plan instanceof Join join) {
            if (join.condition().isDefined()) {
                expressions.addAll(nonPidEqualities(join.condition().get(), pids));
            }
        } else if (plan instanceof Filter filter) {
            expressions.addAll(nonPidEqualities(filter.condition(), pids));
        } else {
            expressions.addAll(list(plan.expressions()));
        }
        for (Expression e : expressions) {
            if (references(e, pids)) {
                return Optional.of("a pid is used in an expression of a " + plan.nodeName() + " node");
            }
        }
        return Optional.empty();
    }

    /** The conjuncts of a condition other than {@code pid = pid} / {@code pid <=> pid}. */
    private static List<Expression> nonPidEqualities(Expression condition, Set<ExprId> pids) {
        List<Expression> rest = new ArrayList<>();
        Deque<Expression> todo = new ArrayDeque<>(List.of(condition));
        while (!todo.isEmpty()) {
            Expression e = todo.pop();
            if (e instanceof And and) {
                todo.push(and.left());
                todo.push(and.right());
            } else if ((e instanceof EqualTo || e instanceof EqualNullSafe) && isPid(e.children().apply(0), pids)
                    && isPid(e.children().apply(1), pids)) {
                continue;
            } else {
                rest.add(e);
            }
        }
        return rest;
    }

    private static boolean isPid(Expression e, Set<ExprId> pids) {
        return e instanceof AttributeReference a && pids.contains(a.exprId());
    }

    private static boolean references(Expression root, Set<ExprId> pids) {
        Deque<Expression> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Expression e = todo.pop();
            if (e instanceof AttributeReference a && pids.contains(a.exprId())) {
                return true;
            }
            // A subquery whose result holds a pid hands the pid's value to this expression.
            if (e instanceof SubqueryExpression subquery
                    && list(subquery.plan().output()).stream().anyMatch(a -> pids.contains(a.exprId()))) {
                return true;
            }
            if (e instanceof OuterReference outer) {
                todo.push((Expression) outer.e());
            }
            todo.addAll(list(e.children()));
        }
        return false;
    }

    /** The plan's nodes and those of every subquery expression, at any depth. */
    static List<LogicalPlan> plans(LogicalPlan root) {
        List<LogicalPlan> all = new ArrayList<>();
        Deque<LogicalPlan> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            LogicalPlan plan = todo.pop();
            all.add(plan);
            todo.addAll(list(plan.children()));
            todo.addAll(list(plan.innerChildren()).stream().filter(LogicalPlan.class::isInstance).map(LogicalPlan.class::cast).toList());
            Deque<Expression> expressions = new ArrayDeque<>(list(plan.expressions()));
            while (!expressions.isEmpty()) {
                Expression e = expressions.pop();
                if (e instanceof SubqueryExpression subquery) {
                    todo.push(subquery.plan());
                }
                expressions.addAll(list(e.children()));
            }
        }
        return all;
    }

    private static <T> List<T> list(scala.collection.Seq<T> seq) {
        return CollectionConverters.asJava(seq);
    }
}
