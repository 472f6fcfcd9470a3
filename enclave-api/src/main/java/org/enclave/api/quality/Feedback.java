package org.enclave.api.quality;

import java.time.Instant;
import java.util.UUID;
import org.enclave.api.catalogue.DatasetId;

/** A reuser's feedback on a dataset version, as the steward sees it. {@code rating} 1..5 or null. */
public record Feedback(UUID id, DatasetId dataset, int version, String author, Integer rating, String text, Instant at) {
}
