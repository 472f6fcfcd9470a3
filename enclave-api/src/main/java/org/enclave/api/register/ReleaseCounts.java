package org.enclave.api.register;

import org.enclave.api.project.ProjectId;

/**
 * How many release requests of a project have been released. The release feature provides the
 * implementation ({@code release.ReleasedCounts}); without one the register uses {@link #NOT_WIRED} and
 * publishes {@code "releases": null} (unknown), never a made-up 0.
 */
public interface ReleaseCounts {

    /** Number of released outputs of {@code project} (0 or more). */
    long releasedCount(ProjectId project);

    /** False only for {@link #NOT_WIRED}: the register then says the count is not yet available. */
    default boolean available() {
        return true;
    }

    /** The default until release requests exist: returns 0 and says it is not available. */
    ReleaseCounts NOT_WIRED = new ReleaseCounts() {
        @Override
        public long releasedCount(ProjectId project) {
            return 0;
        }

        @Override
        public boolean available() {
            return false;
        }
    };
}
