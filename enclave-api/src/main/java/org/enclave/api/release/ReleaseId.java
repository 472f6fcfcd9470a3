package org.enclave.api.release;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** A release request's id: a random UUID, typed so it cannot be mixed up with another kind of id. */
public record ReleaseId(UUID value) {

    public ReleaseId {
        Objects.requireNonNull(value, "value");
    }

    public static ReleaseId random() {
        return new ReleaseId(UUID.randomUUID());
    }

    /** Parses a path variable or JSON string; an invalid UUID is the caller's 400. */
    @JsonCreator
    public static ReleaseId of(String text) {
        return new ReleaseId(UUID.fromString(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
