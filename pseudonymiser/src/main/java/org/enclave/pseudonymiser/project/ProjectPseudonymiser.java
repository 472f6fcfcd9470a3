package org.enclave.pseudonymiser.project;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.enclave.pseudonymiser.csns.HmacSha256;
import org.enclave.pseudonymiser.key.ProjectKey;

/**
 * The per-project step (docs/pseudonymiser.md): {@code pid = HMAC-SHA-256(project key, csns)}, 32 bytes in, 32 bytes
 * out. Researchers only ever see {@code pid}; a project's pids cannot be linked to another project's, nor, once the
 * project key is destroyed, to anything.
 *
 * <p>Use from {@code enclave-compute}:
 * <pre>{@code
 * ProjectPseudonymiser p = ProjectPseudonymiser.of(projectKey);   // once per job (driver)
 * byte[] pid = p.pid(csns);                                        // any thread, any number of times
 * }</pre>
 * Instances are immutable and thread-safe (about 150 ns per call on one core). For Spark, either build one per
 * partition with {@link #of(ProjectKey)} from a key the executor already holds, or let Spark serialise the
 * instance into the task closure: serialisation carries the raw key bytes (and nothing else), so it must only
 * travel over Spark's authenticated, encrypted RPC ({@code spark.authenticate}, {@code spark.network.crypto.enabled})
 * or within one JVM ({@code local[*]}). The key is never written by {@code toString}.
 */
public final class ProjectPseudonymiser implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Length of a CSNS input and of a pid output, in bytes. */
    public static final int LENGTH = HmacSha256.LENGTH;

    private final String projectId;
    private final transient byte[] keyBytes;
    private final transient HmacSha256 mac;

    private ProjectPseudonymiser(String projectId, byte[] keyBytes) {
        this.projectId = projectId;
        this.keyBytes = keyBytes;
        this.mac = new HmacSha256(keyBytes);
    }

    /**
     * @param key the project key; its bytes are copied, so the caller may destroy it afterwards
     */
    public static ProjectPseudonymiser of(ProjectKey key) {
        Objects.requireNonNull(key, "key");
        return new ProjectPseudonymiser(key.projectId(), key.unsafeBytes());
    }

    /**
     * The pid of one CSNS.
     *
     * @param csns exactly 32 bytes; never null
     * @return a new 32-byte array
     * @throws IllegalArgumentException if {@code csns} is not 32 bytes long
     */
    public byte[] pid(byte[] csns) {
        if (csns.length != LENGTH) {
            throw new IllegalArgumentException("a CSNS is " + LENGTH + " bytes");
        }
        byte[] out = new byte[LENGTH];
        mac.mac(csns, 0, LENGTH, out, 0);
        return out;
    }

    /** Allocation-free form: reads {@code csns[off, off+32)}, writes {@code out[outOff, outOff+32)}. */
    public void pid(byte[] csns, int off, byte[] out, int outOff) {
        if (off < 0 || off + LENGTH > csns.length) {
            throw new IllegalArgumentException("a CSNS is " + LENGTH + " bytes");
        }
        mac.mac(csns, off, LENGTH, out, outOff);
    }

    public String projectId() {
        return projectId;
    }

    @Override
    public String toString() {
        return "ProjectPseudonymiser[project=" + projectId + ", key=<redacted>]";
    }

    // Serialisation proxy: the key travels as bytes inside the proxy only; the HMAC states are rebuilt.
    @Serial
    private Object writeReplace() {
        return new Proxy(projectId, keyBytes.clone());
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("use the serialisation proxy");
    }

    private record Proxy(String projectId, byte[] key) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() {
            ProjectKey k = new ProjectKey(projectId, key);
            Arrays.fill(key, (byte) 0);
            try {
                return of(k);
            } finally {
                k.destroy();
            }
        }

        @Override
        public String toString() {
            return "Proxy[project=" + projectId + ", key=<redacted>]";
        }
    }
}
