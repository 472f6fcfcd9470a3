package org.enclave.compute.views;

import java.util.Arrays;

import org.enclave.pseudonymiser.key.ProjectKey;
import org.enclave.pseudonymiser.project.ProjectPseudonymiser;

/**
 * Where compute obtains the project pseudonym function: the pseudonymiser module's
 * {@link ProjectPseudonymiser} (docs/pseudonymiser.md), so that the pid a job computes is by construction
 * the one the rest of the enclave defines, {@code HMAC-SHA-256(project key, csns)}.
 */
public final class ProjectPseudonyms {

    /** Only names the key in the pseudonymiser's own messages; the job never learns the project's id. */
    private static final String KEY_LABEL = "job";

    private ProjectPseudonyms() {
    }

    /**
     * @param key the project key read for this job; not {@code null}. Its bytes are copied into the
     *            pseudonym function, so the caller may destroy it once the job is done.
     * @return the pseudonym function for that key
     */
    public static PidFunction forProjectKey(ProjectKeyInput key) {
        byte[] bytes = key.exposeKeyBytes();
        ProjectKey projectKey = new ProjectKey(KEY_LABEL, bytes);
        try {
            return new Pid(ProjectPseudonymiser.of(projectKey));
        } finally {
            projectKey.destroy();
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Adapts the pseudonymiser to the view's contract: a {@code null} CSNS has a {@code null} pid. */
    private record Pid(ProjectPseudonymiser pseudonymiser) implements PidFunction {

        @Override
        public byte[] pid(byte[] csns) {
            return csns == null ? null : pseudonymiser.pid(csns);
        }

        @Override
        public String toString() {
            return "Pid[redacted]";
        }
    }
}
