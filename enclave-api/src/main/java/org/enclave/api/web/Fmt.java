package org.enclave.api.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Formatting for the templates ({@code ${@fmt.dateTime(x)}}): times in UTC, labelled so; durations in
 * words; null-safe (a dash). Uses the application's clock, so "time left" agrees with the services.
 */
@Component("fmt")
public class Fmt {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    private final Clock clock;

    public Fmt(Clock clock) {
        this.clock = clock;
    }

    public String dateTime(Instant t) {
        return t == null ? "—" : DATE_TIME.format(t);
    }

    public String date(Instant t) {
        return t == null ? "—" : DATE.format(t);
    }

    /** Machine-readable form for {@code <time datetime>}. */
    public String iso(Instant t) {
        return t == null ? "" : ISO.format(t);
    }

    /** "3 days 4 h left", "expired". */
    public String timeLeft(Instant until) {
        if (until == null) {
            return "—";
        }
        Duration d = Duration.between(clock.instant(), until);
        return d.isNegative() || d.isZero() ? "expired" : words(d) + " left";
    }

    /** "2 days 3 h ago". */
    public String ago(Instant since) {
        if (since == null) {
            return "—";
        }
        Duration d = Duration.between(since, clock.instant());
        return d.isNegative() ? "just now" : words(d) + " ago";
    }

    /** Whether less than a day is left (the page marks it). */
    public boolean soon(Instant until) {
        return until != null && Duration.between(clock.instant(), until).compareTo(Duration.ofDays(1)) < 0;
    }

    static String words(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return days + (days == 1 ? " day" : " days") + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        return Math.max(minutes, 1) + " min";
    }

    public String number(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%,.2f", v);
    }

    /** The first eight characters of an id, as pages show ids (links carry the whole id). */
    public String shortId(Object id) {
        return shortOf(id);
    }

    static String shortOf(Object id) {
        String s = String.valueOf(id);
        return s.length() > 8 ? s.substring(0, 8) : s;
    }

    public String number(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** An exact match for {@code int} values, which SpEL finds ambiguous between the other two. */
    public String number(int v) {
        return number((long) v);
    }
}
