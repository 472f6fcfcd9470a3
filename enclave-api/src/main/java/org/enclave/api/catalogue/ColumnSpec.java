package org.enclave.api.catalogue;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A column as the steward declares it: name, type (Parquet spelling), role, description and, when the
 * values form a closed set, that set (used for dummy data only, never read from the data).
 */
public record ColumnSpec(
        @NotBlank @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,62}", message = "must be a simple column name") String name,
        @NotBlank @Size(max = 40) String type,
        @NotBlank String role,
        @Size(max = 1000) String description,
        @Size(max = 200) List<@Size(max = 100) String> values) {

    public ColumnSpec {
        description = description == null ? "" : description;
        values = values == null ? null : List.copyOf(values);
    }
}
