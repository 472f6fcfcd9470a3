package org.enclave.policies.suppression;

/**
 * Chooses complementary (secondary) suppressions for a table with margins, then proves the result
 * with {@link SuppressionAudit}.
 */
public final class SecondarySuppression {

    private SecondarySuppression() {
    }

    /**
     * Protects every primary cell of {@code input}.
     *
     * @param input the table, its primary cells and their protection levels; not {@code null}
     * @return the suppression pattern and the audit's intervals; never {@code null}
     */
    public static SuppressionResult protect(SuppressionInput input) {
        throw new UnsupportedOperationException("secondary suppression is not implemented yet");
    }
}
