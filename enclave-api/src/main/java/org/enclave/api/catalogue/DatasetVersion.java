package org.enclave.api.catalogue;

import java.time.Instant;
import java.util.List;

/**
 * An immutable version of a dataset: a verified lake folder ({@code location}, relative to the lake
 * root) and its columns. {@code number} counts from 1 per dataset.
 */
public record DatasetVersion(DatasetId datasetId, int number, String location, String manifestSha256, long rows,
                             String registeredBy, Instant registeredAt, List<ColumnSpec> columns) {

    public boolean hasColumn(String name) {
        return columns.stream().anyMatch(c -> c.name().equals(name));
    }
}
