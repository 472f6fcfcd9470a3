package org.enclave.compute.guard;

import java.util.Set;
import org.apache.spark.sql.catalyst.trees.TreeNode;

/**
 * One node of the parsed plan (a plan node or an expression) as the walker met it.
 *
 * @param node          the node
 * @param parent        the node that holds it, {@code null} for the root
 * @param cteNamesInScope names of the common table expressions visible here (lower case)
 */
record Visit(TreeNode<?> node, TreeNode<?> parent, Set<String> cteNamesInScope) {

    SqlPosition position() {
        SqlPosition own = SqlPosition.of(node.origin()).orElse(null);
        if (own == null && parent != null) {
            return SqlPosition.of(parent.origin()).orElse(null);
        }
        return own;
    }

    AnalysisRejected reject(RejectionCode code, String reason) {
        return new AnalysisRejected(code, reason, position());
    }
}
