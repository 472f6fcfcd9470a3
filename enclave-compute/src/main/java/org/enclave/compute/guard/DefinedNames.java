package org.enclave.compute.guard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedInlineTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedSubqueryColumnAliases;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.plans.logical.Generate;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import scala.collection.Iterator;

/**
 * The names a query introduces, so that references to them are not mistaken for ungranted columns.
 * Every place listed here is also where {@link CsnsColumnCheck} and {@link ReservedNameCheck} look.
 */
final class DefinedNames {

    /** The alias Spark's parser gives a FROM subquery written without one. */
    static final String AUTO_SUBQUERY_NAME = "__auto_generated_subquery_name";

    private DefinedNames() {
    }

    static void of(Visit visit, Set<String> columns, Set<String> qualifiers) {
        TreeNode<?> node = visit.node();
        if (node instanceof Alias alias) {
            columns.add(lower(alias.name()));
        } else if (node instanceof SubqueryAlias subquery) {
            String name = lower(subquery.identifier().name());
            if (!AUTO_SUBQUERY_NAME.equals(name)) {
                qualifiers.add(name);
            }
        } else if (node instanceof UnresolvedSubqueryColumnAliases aliases) {
            columns.addAll(ScalaNames.lower(aliases.outputColumnNames()));
        } else if (node instanceof UnresolvedInlineTable table) {
            columns.addAll(ScalaNames.lower(table.names()));
        } else if (node instanceof LocalRelation relation) {
            Iterator<Attribute> output = relation.output().iterator();
            while (output.hasNext()) {
                columns.add(lower(output.next().name()));
            }
        } else if (node instanceof Generate generate) {
            if (generate.qualifier().isDefined()) {
                qualifiers.add(lower(generate.qualifier().get()));
            }
            Iterator<Attribute> output = generate.generatorOutput().iterator();
            while (output.hasNext()) {
                columns.add(lower(output.next().name()));
            }
        } else if (node instanceof UnresolvedWith with) {
            Iterator<? extends scala.Product> ctes = with.cteRelations().iterator();
            while (ctes.hasNext()) {
                qualifiers.add(lower((String) ctes.next().productElement(0)));
            }
        }
    }

    /** The names (columns and relations) defined at this one node. */
    static List<String> at(Visit visit) {
        Set<String> columns = new LinkedHashSet<>();
        Set<String> qualifiers = new LinkedHashSet<>();
        of(visit, columns, qualifiers);
        List<String> all = new ArrayList<>(columns);
        all.addAll(qualifiers);
        return all;
    }

    /** Whether {@code visit} is the declaration of a generator's output column (not a reference). */
    static boolean isGeneratorOutput(Visit visit) {
        if (visit.parent() instanceof Generate generate) {
            return generate.generatorOutput().contains(visit.node());
        }
        return false;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
