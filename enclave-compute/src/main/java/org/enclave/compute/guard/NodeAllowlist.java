package org.enclave.compute.guard;

import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAlias;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedExtractValue;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedGenerator;
import org.apache.spark.sql.catalyst.analysis.UnresolvedHaving;
import org.apache.spark.sql.catalyst.analysis.UnresolvedInlineTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedOrdinal;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedStar;
import org.apache.spark.sql.catalyst.analysis.UnresolvedSubqueryColumnAliases;
import org.apache.spark.sql.catalyst.expressions.Add;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.CaseWhen;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Concat;
import org.apache.spark.sql.catalyst.expressions.CreateNamedStruct;
import org.apache.spark.sql.catalyst.expressions.Cube;
import org.apache.spark.sql.catalyst.expressions.CurrentRow$;
import org.apache.spark.sql.catalyst.expressions.Divide;
import org.apache.spark.sql.catalyst.expressions.EqualNullSafe;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Exists;
import org.apache.spark.sql.catalyst.expressions.GreaterThan;
import org.apache.spark.sql.catalyst.expressions.GreaterThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.GroupingSets;
import org.apache.spark.sql.catalyst.expressions.ILike;
import org.apache.spark.sql.catalyst.expressions.In;
import org.apache.spark.sql.catalyst.expressions.InSubquery;
import org.apache.spark.sql.catalyst.expressions.IntegralDivide;
import org.apache.spark.sql.catalyst.expressions.IsNotNull;
import org.apache.spark.sql.catalyst.expressions.IsNull;
import org.apache.spark.sql.catalyst.expressions.LessThan;
import org.apache.spark.sql.catalyst.expressions.LessThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.Like;
import org.apache.spark.sql.catalyst.expressions.LikeAll;
import org.apache.spark.sql.catalyst.expressions.LikeAny;
import org.apache.spark.sql.catalyst.expressions.ListQuery;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Multiply;
import org.apache.spark.sql.catalyst.expressions.Not;
import org.apache.spark.sql.catalyst.expressions.NotLikeAll;
import org.apache.spark.sql.catalyst.expressions.NotLikeAny;
import org.apache.spark.sql.catalyst.expressions.Or;
import org.apache.spark.sql.catalyst.expressions.Overlay;
import org.apache.spark.sql.catalyst.expressions.RLike;
import org.apache.spark.sql.catalyst.expressions.Remainder;
import org.apache.spark.sql.catalyst.expressions.Rollup;
import org.apache.spark.sql.catalyst.expressions.ScalarSubquery;
import org.apache.spark.sql.catalyst.expressions.SortOrder;
import org.apache.spark.sql.catalyst.expressions.SpecifiedWindowFrame;
import org.apache.spark.sql.catalyst.expressions.StringLocate;
import org.apache.spark.sql.catalyst.expressions.StringTrim;
import org.apache.spark.sql.catalyst.expressions.StringTrimLeft;
import org.apache.spark.sql.catalyst.expressions.StringTrimRight;
import org.apache.spark.sql.catalyst.expressions.Substring;
import org.apache.spark.sql.catalyst.expressions.Subtract;
import org.apache.spark.sql.catalyst.expressions.TimestampAdd;
import org.apache.spark.sql.catalyst.expressions.TimestampDiff;
import org.apache.spark.sql.catalyst.expressions.UnaryMinus;
import org.apache.spark.sql.catalyst.expressions.UnaryPositive;
import org.apache.spark.sql.catalyst.expressions.UnboundedFollowing$;
import org.apache.spark.sql.catalyst.expressions.UnboundedPreceding$;
import org.apache.spark.sql.catalyst.expressions.UnresolvedWindowExpression;
import org.apache.spark.sql.catalyst.expressions.UnspecifiedFrame$;
import org.apache.spark.sql.catalyst.expressions.WindowExpression;
import org.apache.spark.sql.catalyst.expressions.WindowSpecDefinition;
import org.apache.spark.sql.catalyst.expressions.WindowSpecReference;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.Distinct;
import org.apache.spark.sql.catalyst.plans.logical.Except;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.Generate;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.Intersect;
import org.apache.spark.sql.catalyst.plans.logical.Join;
import org.apache.spark.sql.catalyst.plans.logical.LocalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.Offset;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.Sort;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.Union;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.plans.logical.WithWindowDefinition;

/**
 * The node classes Spark's parser may produce for an accepted query. Exact classes, not subclasses:
 * a subclass added by Spark or a library is unknown until reviewed here.
 *
 * <p>IMPORTANT: documented in docs/sql-guard.md; change both together. {@link UnresolvedRelation},
 * {@link UnresolvedFunction}, {@link UnresolvedAttribute} and friends are allowed here as shapes only:
 * the dedicated checks decide which tables, functions and columns they may name.
 */
final class NodeAllowlist {

    /** Plan nodes of a read-only query: relational operators over the job's views. */
    static final Set<Class<?>> PLANS = Set.of(
            Project.class, Filter.class, Aggregate.class, UnresolvedHaving.class, Sort.class,
            GlobalLimit.class, LocalLimit.class, Offset.class, Distinct.class,
            Join.class, SubqueryAlias.class, UnresolvedSubqueryColumnAliases.class, UnresolvedRelation.class,
            UnresolvedWith.class, WithWindowDefinition.class,
            Union.class, Intersect.class, Except.class,
            Generate.class, OneRowRelation.class, UnresolvedInlineTable.class, LocalRelation.class);

    /** Expressions: names, literals, operators, function calls (names checked apart), windows, subqueries. */
    static final Set<Class<?>> EXPRESSIONS = Set.of(
            UnresolvedAttribute.class, UnresolvedStar.class, UnresolvedAlias.class, Alias.class,
            UnresolvedExtractValue.class, UnresolvedOrdinal.class, Literal.class,
            UnresolvedFunction.class, UnresolvedGenerator.class, Cast.class, CaseWhen.class,
            And.class, Or.class, Not.class,
            EqualTo.class, EqualNullSafe.class, LessThan.class, LessThanOrEqual.class,
            GreaterThan.class, GreaterThanOrEqual.class, In.class, IsNull.class, IsNotNull.class,
            Like.class, ILike.class, RLike.class, LikeAny.class, LikeAll.class, NotLikeAny.class, NotLikeAll.class,
            Add.class, Subtract.class, Multiply.class, Divide.class, Remainder.class, IntegralDivide.class,
            UnaryMinus.class, UnaryPositive.class,
            Concat.class, Substring.class, StringTrim.class, StringTrimLeft.class, StringTrimRight.class,
            StringLocate.class, Overlay.class, TimestampAdd.class, TimestampDiff.class, CreateNamedStruct.class,
            InSubquery.class, ListQuery.class, Exists.class, ScalarSubquery.class,
            SortOrder.class, WindowExpression.class, UnresolvedWindowExpression.class, WindowSpecDefinition.class,
            WindowSpecReference.class, SpecifiedWindowFrame.class, UnspecifiedFrame$.class,
            UnboundedPreceding$.class, UnboundedFollowing$.class, CurrentRow$.class,
            Cube.class, Rollup.class, GroupingSets.class);

    private NodeAllowlist() {
    }

    static boolean allows(Class<?> nodeClass) {
        return PLANS.contains(nodeClass) || EXPRESSIONS.contains(nodeClass);
    }
}
