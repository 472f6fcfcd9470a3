package org.enclave.api.governance;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.enclave.api.catalogue.Sensitivity;
import org.enclave.api.platform.ConfigurationError;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code enclave.governance.*} (docs/governance.md): the committee's maximum response time per dataset
 * tier, how often an overdue application is reminded, and the smallest quarter whose timing the public
 * sees in detail. A missing tier or a non-positive duration stops the start-up (a configuration error).
 */
@ConfigurationProperties("enclave.governance")
public record GovernanceProperties(Map<Sensitivity, Duration> maxResponse, Duration reminderInterval,
                                   Integer publicFiguresMinDecisions) {

    public GovernanceProperties {
        if (maxResponse == null || !maxResponse.keySet().containsAll(java.util.EnumSet.allOf(Sensitivity.class))) {
            throw new ConfigurationError("enclave.governance.max-response must give a duration for every tier "
                    + java.util.Arrays.toString(Sensitivity.values()));
        }
        maxResponse.forEach((tier, d) -> {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new ConfigurationError("enclave.governance.max-response." + tier + " must be a positive duration");
            }
        });
        maxResponse = Map.copyOf(new EnumMap<>(maxResponse));
        if (reminderInterval == null || reminderInterval.isNegative() || reminderInterval.isZero()) {
            throw new ConfigurationError("enclave.governance.reminder-interval must be a positive duration");
        }
        publicFiguresMinDecisions = publicFiguresMinDecisions == null ? 5 : publicFiguresMinDecisions;
        if (publicFiguresMinDecisions < 1) {
            throw new ConfigurationError("enclave.governance.public-figures-min-decisions must be at least 1");
        }
    }

    /** The maximum response time of an application whose most sensitive requested dataset is {@code tier}. */
    public Duration maxFor(Sensitivity tier) {
        return maxResponse.get(tier);
    }
}
