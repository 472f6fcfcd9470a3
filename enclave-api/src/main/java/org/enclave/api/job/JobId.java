package org.enclave.api.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** A job's id: a random UUID, typed so it cannot be mixed up with another kind of id. */
public record JobId(UUID value) {

    public JobId {
        Objects.requireNonNull(value, "value");
    }

    public static JobId random() {
        return new JobId(UUID.randomUUID());
    }

    /** Parses a path variable or JSON string; an invalid UUID is the caller's 400. */
    @JsonCreator
    public static JobId of(String text) {
        return new JobId(UUID.fromString(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
