package org.enclave.compute.views;

/**
 * Where compute obtains the project pseudonym function.
 *
 * <p>IMPORTANT (merge point): the pseudonym is the pseudonymiser module's to define
 * ({@code org.enclave.pseudonymiser.project.ProjectPseudonymiser}, DESIGN section 5). When that module
 * is merged, {@link #forProjectKey(ProjectKeyInput)} is the single place to wire it: build the
 * pseudonymiser's typed project key from {@code key.exposeKeyBytes()} and return a {@link PidFunction}
 * that delegates to it. Until then a real job cannot compute pids and fails with code
 * {@code pseudonymiser-unavailable}; tests inject their own {@link PidFunction}.
 */
public final class ProjectPseudonyms {

    private ProjectPseudonyms() {
    }

    /**
     * @param key the project key read for this job; not {@code null}
     * @return the pseudonym function for that key
     * @throws UnsupportedOperationException until the pseudonymiser is wired here
     */
    public static PidFunction forProjectKey(ProjectKeyInput key) {
        // MERGE: return new PseudonymiserPid(ProjectPseudonymiser.forKey(ProjectKey.of(key.exposeKeyBytes())));
        throw new UnsupportedOperationException("the pseudonymiser's project pseudonym is not wired into compute yet");
    }
}
