package org.enclave.policies.check;

import java.util.ArrayList;
import java.util.List;

import org.enclave.policies.Reason;

/**
 * The one-line summary of a check. IMPORTANT: its shape is relied on by output checkers' tooling:
 * <pre>
 *   3 cells suppressed: threshold 2, p-percent 1; 2 secondary
 *   0 cells suppressed; 0 secondary; review: negative 1
 *   1 cell suppressed: dof 1; 0 secondary; fail: 1 model has fewer than 10 residual degrees of freedom
 * </pre>
 * The first number counts primary cells; the per-reason counts count cells carrying each reason (a
 * cell with two reasons counts under both), in the order of {@link Reason}.
 */
final class Summary {

    private Summary() {
    }

    static String line(int primary, int secondary, int[] reasonCounts, List<Refusal> refusals) {
        StringBuilder sb = new StringBuilder();
        sb.append(primary).append(primary == 1 ? " cell suppressed" : " cells suppressed");
        List<String> parts = new ArrayList<>();
        List<String> review = new ArrayList<>();
        for (Reason r : Reason.values()) {
            int n = reasonCounts[r.ordinal()];
            if (n > 0) {
                (r.kind() == Reason.Kind.SUPPRESS ? parts : review).add(r.id() + " " + n);
            }
        }
        if (!parts.isEmpty()) {
            sb.append(": ").append(String.join(", ", parts));
        }
        sb.append("; ").append(secondary).append(" secondary");
        if (!review.isEmpty()) {
            sb.append("; review: ").append(String.join(", ", review));
        }
        if (!refusals.isEmpty()) {
            List<String> messages = new ArrayList<>();
            for (Refusal r : refusals) {
                messages.add(r.message());
            }
            sb.append("; fail: ").append(String.join("; ", messages));
        }
        return sb.toString();
    }
}
