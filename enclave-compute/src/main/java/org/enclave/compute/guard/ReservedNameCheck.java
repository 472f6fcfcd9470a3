package org.enclave.compute.guard;

import java.util.List;

/**
 * Names beginning with {@code _} belong to Spark's hidden columns ({@code _metadata} holds each row's
 * file path, size and modification time). A query may neither define such a name (an alias could make a
 * later reference to {@code t._metadata} look legitimate) nor refer to one, unless a view really grants
 * a column of that exact name.
 */
final class ReservedNameCheck implements PlanCheck {

    @Override
    public void check(Visit visit, GuardContext context) {
        for (String name : DefinedNames.at(visit)) {
            if (name.startsWith("_")) {
                throw visit.reject(RejectionCode.RESERVED_NAME, "names beginning with _ are reserved (" + name + ")");
            }
        }
        for (List<String> reference : ReferencedNames.at(visit)) {
            for (String part : reference) {
                if (part.startsWith("_") && !context.grantedColumns().contains(part)) {
                    throw visit.reject(RejectionCode.RESERVED_NAME,
                            "names beginning with _ are reserved for Spark's hidden columns (" + ScalaNames.display(reference) + ")");
                }
            }
        }
    }
}
