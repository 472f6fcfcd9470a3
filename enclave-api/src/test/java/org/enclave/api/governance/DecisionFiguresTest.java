package org.enclave.api.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Median, 90th percentile (nearest rank) and share within the maximum, per quarter, on hand-computed values. */
class DecisionFiguresTest {

    static final Duration MAX = Duration.ofDays(30);

    static DecisionFigures.Sample took(Instant decided, int days) {
        return new DecisionFigures.Sample(decided.minus(Duration.ofDays(days)), decided, MAX);
    }

    @Test
    void quartersAreUtcCalendarQuarters() {
        assertThat(DecisionFigures.quarterOf(Instant.parse("2026-03-31T23:59:59Z"))).isEqualTo("2026-Q1");
        assertThat(DecisionFigures.quarterOf(Instant.parse("2026-04-01T00:00:00Z"))).isEqualTo("2026-Q2");
        assertThat(DecisionFigures.quarterOf(Instant.parse("2025-12-15T00:00:00Z"))).isEqualTo("2025-Q4");
    }

    @Test
    void tenDecisionsInOneQuarter() {
        Instant q1 = Instant.parse("2026-02-01T00:00:00Z");
        List<DecisionFigures.Sample> s = new ArrayList<>();
        for (int days : new int[] {5, 10, 12, 20, 25, 30, 31, 40, 45, 90}) {
            s.add(took(q1, days));
        }
        List<DecisionFigures.Quarter> out = DecisionFigures.byQuarter(s, 1);
        assertThat(out).hasSize(1);
        DecisionFigures.Quarter q = out.get(0);
        assertThat(q.quarter()).isEqualTo("2026-Q1");
        assertThat(q.decided()).isEqualTo(10);
        assertThat(q.medianDays()).as("rank ceil(0.5*10)=5").isEqualTo(25.0);
        assertThat(q.p90Days()).as("rank ceil(0.9*10)=9").isEqualTo(45.0);
        assertThat(q.withinMaximum()).as("5, 10, 12, 20, 25, 30 are within 30 days").isEqualTo(0.6);
        assertThat(q.withheld()).isFalse();
    }

    @Test
    void oneDecisionIsItsOwnMedianAndPercentile() {
        List<DecisionFigures.Quarter> out = DecisionFigures.byQuarter(List.of(took(Instant.parse("2026-05-01T00:00:00Z"), 3)), 1);
        assertThat(out.get(0).medianDays()).isEqualTo(3.0);
        assertThat(out.get(0).p90Days()).isEqualTo(3.0);
        assertThat(out.get(0).withinMaximum()).isEqualTo(1.0);
    }

    @Test
    void smallQuartersAreWithheldForThePublicButCounted() {
        Instant q2 = Instant.parse("2026-05-01T00:00:00Z");
        Instant q3 = Instant.parse("2026-08-01T00:00:00Z");
        List<DecisionFigures.Sample> s = new ArrayList<>(List.of(took(q2, 1), took(q2, 2)));
        for (int i = 1; i <= 5; i++) {
            s.add(took(q3, i));
        }
        List<DecisionFigures.Quarter> out = DecisionFigures.byQuarter(s, 5);
        assertThat(out).extracting(DecisionFigures.Quarter::quarter).containsExactly("2026-Q2", "2026-Q3");
        assertThat(out.get(0)).isEqualTo(new DecisionFigures.Quarter("2026-Q2", 2, null, null, null, true));
        assertThat(out.get(1).withheld()).isFalse();
        assertThat(out.get(1).medianDays()).isEqualTo(3.0);
    }

    @Test
    void noDecisionsNoQuarters() {
        assertThat(DecisionFigures.byQuarter(List.of(), 1)).isEmpty();
    }
}
