package org.enclave.api.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Dates typed in the portal's forms are whole days in UTC: a period "from D1 until D2" starts at D1
 * 00:00 UTC and ends at the end of D2 (exclusive instant D2+1 00:00 UTC), as a reader would expect.
 */
final class Dates {

    private Dates() {
    }

    /** Start of the day, or null when blank or not a date. */
    static Instant startOf(String date) {
        LocalDate d = parse(date);
        return d == null ? null : d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** End of the day (the next day's start), or null when blank or not a date. */
    static Instant endOf(String date) {
        LocalDate d = parse(date);
        return d == null ? null : d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The form value for a period's start. */
    static String formFrom(Instant from) {
        return from == null ? "" : LocalDate.ofInstant(from, ZoneOffset.UTC).toString();
    }

    /** The form value for a period's exclusive end: its last day. */
    static String formUntil(Instant until) {
        return until == null ? "" : LocalDate.ofInstant(until.minusNanos(1), ZoneOffset.UTC).toString();
    }

    private static LocalDate parse(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
