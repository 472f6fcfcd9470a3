package org.enclave.compute.job;

import java.util.Objects;

/**
 * Why a job did not succeed.
 *
 * @param code    a stable code (docs/job-contract.md); not {@code null}
 * @param message for the researcher: names the construct, field or table, never data values or key material
 * @param line    1-based line in the SQL, or {@code null}
 * @param column  1-based column in the SQL, or {@code null}
 */
public record JobError(String code, String message, Integer line, Integer column) {

    public JobError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static JobError of(String code, String message) {
        return new JobError(code, message, null, null);
    }
}
