package org.enclave.api.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** A dataset's id: a random UUID, typed so it cannot be mixed up with another kind of id. */
public record DatasetId(UUID value) implements Comparable<DatasetId> {

    public DatasetId {
        Objects.requireNonNull(value, "value");
    }

    public static DatasetId random() {
        return new DatasetId(UUID.randomUUID());
    }

    /** Parses a path variable or JSON string; an invalid UUID is the caller's 400. */
    @JsonCreator
    public static DatasetId of(String text) {
        return new DatasetId(UUID.fromString(text));
    }

    @Override
    public int compareTo(DatasetId other) {
        return value.compareTo(other.value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
