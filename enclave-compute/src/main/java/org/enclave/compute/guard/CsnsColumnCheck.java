package org.enclave.compute.guard;

import java.util.List;

/**
 * The {@code csns} column never reaches SQL (the views carry {@code pid}, the project pseudonym, in
 * its place). Referring to it, or naming anything {@code csns}, is refused with its own code so that a
 * researcher is told to use {@code pid}, and so that no output column is ever labelled {@code csns}.
 */
final class CsnsColumnCheck implements PlanCheck {

    static final String CSNS = "csns";

    @Override
    public void check(Visit visit, GuardContext context) {
        for (List<String> reference : ReferencedNames.at(visit)) {
            if (reference.contains(CSNS)) {
                throw visit.reject(RejectionCode.CSNS_COLUMN,
                        "the csns column is never visible to SQL; use pid, the project pseudonym");
            }
        }
        if (DefinedNames.at(visit).contains(CSNS)) {
            throw visit.reject(RejectionCode.CSNS_COLUMN, "csns is reserved and cannot be used as a name");
        }
    }
}
