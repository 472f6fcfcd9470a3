package org.enclave.compute.guard;

import java.util.List;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedStar;
import org.apache.spark.sql.catalyst.plans.UsingJoin;
import org.apache.spark.sql.catalyst.plans.logical.Join;

/** The multi-part names a node refers to (columns, star qualifiers, USING columns). */
final class ReferencedNames {

    private ReferencedNames() {
    }

    /** Each reference as its lower-case name parts; empty when the node refers to no name. */
    static List<List<String>> at(Visit visit) {
        if (visit.node() instanceof UnresolvedAttribute attribute && !DefinedNames.isGeneratorOutput(visit)) {
            return List.of(ScalaNames.lower(attribute.nameParts()));
        }
        if (visit.node() instanceof UnresolvedStar star && star.target().isDefined()) {
            return List.of(ScalaNames.lower(star.target().get()));
        }
        if (visit.node() instanceof Join join && join.joinType() instanceof UsingJoin using) {
            return ScalaNames.lower(using.usingColumns()).stream().map(List::of).toList();
        }
        return List.of();
    }
}
