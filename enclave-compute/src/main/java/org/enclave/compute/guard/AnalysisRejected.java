package org.enclave.compute.guard;

import java.util.Objects;
import java.util.Optional;

/**
 * The guard refused an analysis: a domain error the researcher can act on (reported with status
 * {@code rejected}, exit code 2). The message names the construct and, when Spark's parser recorded
 * it, the place in the SQL; it never carries data values or internal detail.
 */
public final class AnalysisRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectionCode code;
    private final transient SqlPosition position;
    private final String reason;

    /**
     * @param code     why; not {@code null}
     * @param reason   what was refused, for the researcher; not {@code null}
     * @param position where in the SQL, or {@code null} when unknown
     */
    public AnalysisRejected(RejectionCode code, String reason, SqlPosition position) {
        super(code.code() + ": " + reason + (position == null ? "" : " (" + position + ")"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.position = position;
    }

    public RejectionCode code() {
        return code;
    }

    /** The reason without code or position. */
    public String reason() {
        return reason;
    }

    public Optional<SqlPosition> position() {
        return Optional.ofNullable(position);
    }
}
