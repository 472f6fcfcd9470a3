package org.enclave.compute.job;

import java.util.Locale;

/** The outcome of a job, with the process exit status that goes with it. */
public enum JobStatus {
    /** The job ran and wrote its outputs. Exit 0. */
    SUCCEEDED(0),
    /** The analysis was refused (the guard, or Spark's analyzer on the researcher's query). Exit 2. */
    REJECTED(2),
    /** Anything else: invalid spec or key, unreadable table, timeout, internal error. Exit 1. */
    FAILED(1);

    private final int exitCode;

    JobStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** As written in {@code report.json}. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
