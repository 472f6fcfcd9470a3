package org.enclave.api.governance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Time to decision per calendar quarter (UTC, by the quarter of the decision): how many applications
 * were decided, the median and 90th percentile of submission-to-decision time, and the share decided
 * within the maximum. Percentiles are nearest-rank (the smallest value with at least p% of the values
 * at or below it), so every figure is a time some application actually took. Pure.
 */
public final class DecisionFigures {

    /** One first-instance decision: submitted, decided, and the deadline that applied. */
    public record Sample(Instant submittedAt, Instant decidedAt, Duration max) {
        Duration took() {
            return Duration.between(submittedAt, decidedAt);
        }
    }

    /**
     * One quarter's figures. {@code medianDays}, {@code p90Days} and {@code withinMaximum} are null when
     * withheld ({@code withheld} true: fewer decisions than the publication threshold).
     */
    public record Quarter(String quarter, int decided, Double medianDays, Double p90Days, Double withinMaximum,
                          boolean withheld) {
    }

    private DecisionFigures() {
    }

    /** Figures for every quarter with at least one decision, oldest first; quarters under {@code minDecisions} are withheld. */
    public static List<Quarter> byQuarter(List<Sample> samples, int minDecisions) {
        Map<String, List<Sample>> quarters = new TreeMap<>();
        for (Sample s : samples) {
            quarters.computeIfAbsent(quarterOf(s.decidedAt()), q -> new ArrayList<>()).add(s);
        }
        List<Quarter> out = new ArrayList<>();
        quarters.forEach((q, list) -> {
            if (list.size() < minDecisions) {
                out.add(new Quarter(q, list.size(), null, null, null, true));
                return;
            }
            List<Duration> took = list.stream().map(Sample::took).sorted().toList();
            long within = list.stream().filter(s -> new Deadline(s.submittedAt(), s.max()).metBy(s.decidedAt())).count();
            out.add(new Quarter(q, list.size(), days(nearestRank(took, 50)), days(nearestRank(took, 90)),
                    Math.round(1000.0 * within / list.size()) / 1000.0, false));
        });
        return out;
    }

    /** {@code 2026-Q1} for an instant in January to March 2026 (UTC). */
    public static String quarterOf(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        return z.getYear() + "-Q" + ((z.getMonthValue() - 1) / 3 + 1);
    }

    /** Nearest-rank percentile of sorted, non-empty values: the value at rank ceil(p/100 * n). */
    static Duration nearestRank(List<Duration> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static double days(Duration d) {
        return Math.round(d.toMinutes() / 144.0) / 10.0; // days, one decimal
    }
}
