package org.enclave.api.governance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** A consultation's id: a random UUID, typed. */
public record ConsultationId(UUID value) {

    public ConsultationId {
        Objects.requireNonNull(value, "value");
    }

    public static ConsultationId random() {
        return new ConsultationId(UUID.randomUUID());
    }

    @JsonCreator
    public static ConsultationId of(String text) {
        return new ConsultationId(UUID.fromString(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
