package org.enclave.api.job;

/**
 * Why a job failed. {@code rejected} is true when the analysis itself was refused (SQL guard, Spark's
 * analyzer, a missing output column: compute's status {@code rejected}); {@code line} and
 * {@code column} (1-based) locate the fault in the SQL when compute knows it, else null.
 */
public record JobError(String code, String message, Integer line, Integer column, boolean rejected) {

    static JobError system(String code, String message) {
        return new JobError(code, message, null, null, false);
    }
}
