package org.enclave.policies.check;

import org.enclave.policies.suppression.SecondarySuppression;
import org.enclave.policies.suppression.SuppressionInput;
import org.enclave.policies.suppression.SuppressionResult;

/**
 * The secondary-suppression step as the check sees it, so that it can be replaced in tests. The
 * default ({@link #standard()}) is {@link SecondarySuppression#protect}, which chooses complementary
 * suppressions and audits them by linear programming.
 */
@FunctionalInterface
public interface SecondarySuppressor {

    /**
     * @param input the table, its primary cells and their protection levels; never {@code null}
     * @return the suppression pattern and audit; must not be {@code null}
     */
    SuppressionResult protect(SuppressionInput input);

    /** The enclave's secondary suppression with its LP audit. */
    static SecondarySuppressor standard() {
        return SecondarySuppression::protect;
    }
}
