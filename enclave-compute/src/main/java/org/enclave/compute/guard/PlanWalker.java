package org.enclave.compute.guard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import scala.Option;
import scala.Product;
import scala.Tuple3;
import scala.collection.Iterator;

/**
 * Lists every node reachable from a parsed plan, so that the checks see all of it.
 *
 * <p>IMPORTANT (deny by default): the walk does not rely on each node class declaring its children.
 * It follows every field of every node ({@code productIterator}: children, expressions, subquery
 * plans, CTE definitions, options, nested tuples, sequences and options of them) as well as
 * {@code children}, {@code innerChildren} and {@code expressions}. A node class that hides a plan in a
 * new kind of field is therefore still visited, and refused by the allowlist if unknown.
 */
final class PlanWalker {

    /** Deeper than any reasonable hand-written query; bounds recursion on hostile input. */
    static final int MAX_DEPTH = 400;

    private final List<Visit> visits = new ArrayList<>();
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private PlanWalker() {
    }

    /** All nodes in pre-order (a parent before its children). */
    static List<Visit> walk(TreeNode<?> root) {
        PlanWalker walker = new PlanWalker();
        walker.node(root, null, Set.of(), 0);
        return List.copyOf(walker.visits);
    }

    private void node(TreeNode<?> node, TreeNode<?> parent, Set<String> scope, int depth) {
        if (depth > MAX_DEPTH) {
            throw new AnalysisRejected(RejectionCode.FORBIDDEN_CONSTRUCT,
                    "the query is nested too deeply (more than " + MAX_DEPTH + " levels)",
                    SqlPosition.of(node.origin()).orElse(null));
        }
        if (!seen.add(node)) {
            return;
        }
        visits.add(new Visit(node, parent, scope));
        if (node instanceof UnresolvedWith with) {
            cte(with, scope, depth);
            return;
        }
        Iterator<Object> fields = node.productIterator();
        while (fields.hasNext()) {
            value(fields.next(), node, scope, depth + 1);
        }
        children(node.children().iterator(), node, scope, depth);
        children(node.innerChildren().iterator(), node, scope, depth);
        if (node instanceof QueryPlan<?> plan) {
            children(plan.expressions().iterator(), node, scope, depth);
        }
    }

    /** A CTE's name is visible in the later CTE definitions and in the main query, not before. */
    private void cte(UnresolvedWith with, Set<String> scope, int depth) {
        Set<String> inScope = new HashSet<>(scope);
        Iterator<Tuple3<String, org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias, Option<Object>>> ctes =
                with.cteRelations().iterator();
        while (ctes.hasNext()) {
            Tuple3<String, org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias, Option<Object>> cte = ctes.next();
            if (with.allowRecursion()) {
                // A recursive CTE sees itself; NodeAllowlistCheck then refuses WITH RECURSIVE as such.
                inScope.add(cte._1().toLowerCase(Locale.ROOT));
            }
            Set<String> visible = Set.copyOf(inScope);
            node(cte._2(), with, visible, depth + 1);
            value(cte._3(), with, visible, depth + 1);
            inScope.add(cte._1().toLowerCase(Locale.ROOT));
        }
        node(with.child(), with, Set.copyOf(inScope), depth + 1);
    }

    private void children(Iterator<?> children, TreeNode<?> parent, Set<String> scope, int depth) {
        while (children.hasNext()) {
            value(children.next(), parent, scope, depth + 1);
        }
    }

    private void value(Object value, TreeNode<?> parent, Set<String> scope, int depth) {
        if (value == null) {
            return;
        }
        if (value instanceof TreeNode<?> child) {
            node(child, parent, scope, depth);
        } else if (value instanceof Option<?> option) {
            if (option.isDefined()) {
                value(option.get(), parent, scope, depth);
            }
        } else if (value instanceof scala.collection.Iterable<?> iterable) {
            children(iterable.iterator(), parent, scope, depth);
        } else if (value instanceof Object[] array) {
            for (Object element : array) {
                value(element, parent, scope, depth);
            }
        } else if (value instanceof Product product && !(value instanceof scala.Enumeration.Value)) {
            if (depth > MAX_DEPTH) {
                return;
            }
            children(product.productIterator(), parent, scope, depth);
        }
    }
}
