package org.enclave.compute.job;

import java.util.Objects;

/**
 * A job cannot go on, for a reason with a stable code: an unreadable table, a missing column, a schema
 * mismatch, a timeout. Carries the status it ends in (usually {@link JobStatus#FAILED}).
 */
public final class JobFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final JobStatus status;
    private final String code;

    public JobFailure(JobStatus status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = Objects.requireNonNull(status, "status");
        this.code = Objects.requireNonNull(code, "code");
    }

    public static JobFailure failed(String code, String message) {
        return new JobFailure(JobStatus.FAILED, code, message, null);
    }

    public JobStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
