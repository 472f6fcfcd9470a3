package org.enclave.api.job;

/** Where a job is in its lifecycle ({@link JobLifecycle}). SUCCEEDED, FAILED and CANCELLED are final. */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
