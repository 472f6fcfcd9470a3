package org.enclave.policies.archfixture;

import org.junit.jupiter.api.Assertions;

/**
 * Test fixture for {@code PoliciesArchitectureTest}: a class inside {@code org.enclave.policies..}
 * that depends on something outside the allowlist (JUnit), so that the rule can be shown to fail.
 * Never imported by the main-code check.
 */
public final class ForbiddenDependencyFixture {

    private ForbiddenDependencyFixture() {
    }

    public static void use() {
        Assertions.assertTrue(true);
    }
}
