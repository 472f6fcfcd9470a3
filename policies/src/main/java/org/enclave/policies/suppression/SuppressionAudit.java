package org.enclave.policies.suppression;

import java.util.List;

/**
 * The attacker's view of a suppression pattern: for every suppressed cell, the feasibility interval
 * obtained by linear programming from the published cells, additivity and non-negativity.
 */
public final class SuppressionAudit {

    private SuppressionAudit() {
    }

    /**
     * @param input      the table and its protection levels; not {@code null}
     * @param suppressed per cell, whether it is withheld from publication
     * @return one interval per suppressed cell, in cell order; never {@code null}
     */
    public static List<CellInterval> audit(SuppressionInput input, boolean[] suppressed) {
        throw new UnsupportedOperationException("the suppression audit is not implemented yet");
    }
}
