package org.enclave.compute.views;

import java.io.Serializable;

/**
 * The project pseudonym of one CSNS: {@code pid = HMAC-SHA-256(project key, csns bytes)} (docs/pseudonymiser.md,
 * "Project pseudonyms"). Implementations hold the project key and travel to Spark executors inside tasks
 * (hence {@link Serializable}); on a cluster, Spark's RPC encryption must therefore be on.
 *
 * <p>Contract: deterministic for a given key; a {@code null} CSNS gives a {@code null} pid; the input
 * array is not modified; never logs its input, output or key; {@code toString} holds no key material.
 */
public interface PidFunction extends Serializable {

    /**
     * @param csns the CSNS bytes as stored, or {@code null}
     * @return the 32-byte pid, or {@code null} when {@code csns} is {@code null}
     */
    byte[] pid(byte[] csns);
}
