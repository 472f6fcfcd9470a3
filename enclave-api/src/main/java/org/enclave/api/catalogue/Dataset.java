package org.enclave.api.catalogue;

import java.time.Instant;

/** A registered data source; its data lives in immutable {@link DatasetVersion}s. */
public record Dataset(DatasetId id, String name, String description, String owner, Sensitivity sensitivity,
                      String licence, int retentionDays, String createdBy, Instant createdAt) {
}
