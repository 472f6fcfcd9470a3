package org.enclave.api.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.enclave.api.catalogue.ColumnSpec;
import org.enclave.api.catalogue.DatasetId;

/**
 * A dataset version's quality, from what the enclave already knows (docs/governance.md). Each figure
 * says what it is computed from; null means unknown, with the reason in {@code quarantineNote}.
 */
public record QualityIndicators(DatasetId dataset, int version, Documentation documentation, Ingest ingest,
                                Freshness freshness, Use use, int feedbackCount) {

    /** Every column described? {@code completeness} = described / total, 0..1. */
    public record Documentation(int columns, int described, double completeness, List<String> undescribed) {

        static Documentation of(List<ColumnSpec> columns) {
            List<String> missing = columns.stream().filter(c -> c.description() == null || c.description().isBlank())
                    .map(ColumnSpec::name).toList();
            int described = columns.size() - missing.size();
            return new Documentation(columns.size(), described,
                    columns.isEmpty() ? 0 : Math.round(1000.0 * described / columns.size()) / 1000.0, missing);
        }
    }

    /** Rows quarantined at ingest (pseudonymiser manifest): {@code quarantinedShare} = quarantined / in. */
    public record Ingest(Long rowsIn, Long rowsOut, Long rowsQuarantined, Double quarantinedShare, String note) {

        static Ingest of(long in, long out, long quarantined) {
            return new Ingest(in, out, quarantined, in == 0 ? 0.0 : Math.round(1_000_000.0 * quarantined / in) / 1_000_000.0, null);
        }

        static Ingest unknown(String why) {
            return new Ingest(null, null, null, null, why);
        }
    }

    /** How recent: registration time, age, and whether a newer version replaces it. */
    public record Freshness(Instant registeredAt, double ageDays, boolean latest, int newerVersions) {

        static Freshness of(Instant registeredAt, Instant now, int number, int latestNumber) {
            Duration age = Duration.between(registeredAt, now);
            return new Freshness(registeredAt, Math.max(0, Math.round(age.toMinutes() / 144.0) / 10.0), number == latestNumber,
                    Math.max(0, latestNumber - number));
        }
    }

    /**
     * Projects using the dataset. Grants name a dataset, not a version, and a workspace reads its latest
     * version: so these count per dataset, the same for every version.
     */
    public record Use(long projectsInForce, long projectsEverGranted, String scope) {
    }
}
