package org.enclave.api.release;

import java.time.Instant;

/** A comment on a request: PRIVATE ones are seen by checkers only, PUBLIC ones by the author too. */
public record Comment(long id, String author, Visibility visibility, String text, Instant at) {

    public enum Visibility { PRIVATE, PUBLIC }
}
