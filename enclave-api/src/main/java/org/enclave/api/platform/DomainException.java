package org.enclave.api.platform;

import org.springframework.http.HttpStatus;

/**
 * The first of the three kinds of error: a typed domain refusal that maps to a 4xx
 * with a clear message. Messages are shown to clients, so they never carry identifiers of people,
 * key material or internal detail.
 */
public abstract class DomainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected DomainException(String message) {
        super(message);
    }

    /** The HTTP status this refusal maps to. */
    public abstract HttpStatus status();

    /** A short stable slug, used as the problem-detail type ({@code /problems/<slug>}). */
    public abstract String slug();

    /** Unknown id, or an id the caller may not know exists. */
    public static class NotFound extends DomainException {
        private static final long serialVersionUID = 1L;
        public NotFound(String what, Object id) { super(what + " " + id + " not found"); }
        @Override public HttpStatus status() { return HttpStatus.NOT_FOUND; }
        @Override public String slug() { return "not-found"; }
    }

    /** The actor may not do this (role, membership, separation of duties). */
    public static class Forbidden extends DomainException {
        private static final long serialVersionUID = 1L;
        public Forbidden(String message) { super(message); }
        @Override public HttpStatus status() { return HttpStatus.FORBIDDEN; }
        @Override public String slug() { return "forbidden"; }
    }

    /** The thing is not in a state that allows this (illegal transition, expired, revoked). */
    public static class Conflict extends DomainException {
        private static final long serialVersionUID = 1L;
        public Conflict(String message) { super(message); }
        @Override public HttpStatus status() { return HttpStatus.CONFLICT; }
        @Override public String slug() { return "conflict"; }
    }

    /** Well-formed but invalid input; {@code field} names the offending field (may be null). */
    public static class Invalid extends DomainException {
        private static final long serialVersionUID = 1L;
        private final String field;
        public Invalid(String field, String message) { super(message); this.field = field; }
        public String field() { return field; }
        @Override public HttpStatus status() { return HttpStatus.BAD_REQUEST; }
        @Override public String slug() { return "invalid-request"; }
    }
}
