package org.enclave.pseudonymiser.key;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * A project's pseudonym key: fresh random 256 bits per project, not derived from the master key, destroyed when
 * the project ends (docs/pseudonymiser.md). The pseudonymiser never stores it; {@code enclave-compute} receives it
 * unwrapped, in memory, for one job.
 */
public final class ProjectKey extends SecretKeyMaterial {
    private final String projectId;

    /**
     * @param projectId public identifier of the project (for messages and audit); never null
     * @param material  exactly 32 bytes, copied (the caller should zero its array)
     */
    public ProjectKey(String projectId, byte[] material) {
        super(material);
        this.projectId = Objects.requireNonNull(projectId, "projectId");
    }

    /** A fresh random key from a {@link SecureRandom}. */
    public static ProjectKey generate(String projectId, SecureRandom random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        try {
            return new ProjectKey(projectId, b);
        } finally {
            java.util.Arrays.fill(b, (byte) 0);
        }
    }

    public String projectId() {
        return projectId;
    }

    @Override
    String describe() {
        return "project=" + projectId;
    }
}
