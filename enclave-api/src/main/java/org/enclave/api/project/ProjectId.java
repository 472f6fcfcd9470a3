package org.enclave.api.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** A project's id: a random UUID, typed so it cannot be mixed up with another kind of id. */
public record ProjectId(UUID value) {

    public ProjectId {
        Objects.requireNonNull(value, "value");
    }

    public static ProjectId random() {
        return new ProjectId(UUID.randomUUID());
    }

    /** Parses a path variable or JSON string; an invalid UUID is the caller's 400. */
    @JsonCreator
    public static ProjectId of(String text) {
        return new ProjectId(UUID.fromString(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
