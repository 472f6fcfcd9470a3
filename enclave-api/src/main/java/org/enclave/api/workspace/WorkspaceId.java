package org.enclave.api.workspace;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** A workspace's id: a random UUID, typed so it cannot be mixed up with another kind of id. */
public record WorkspaceId(UUID value) {

    public WorkspaceId {
        Objects.requireNonNull(value, "value");
    }

    public static WorkspaceId random() {
        return new WorkspaceId(UUID.randomUUID());
    }

    /** Parses a path variable or JSON string; an invalid UUID is the caller's 400. */
    @JsonCreator
    public static WorkspaceId of(String text) {
        return new WorkspaceId(UUID.fromString(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
