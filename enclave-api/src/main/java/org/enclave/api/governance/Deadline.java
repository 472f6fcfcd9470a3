package org.enclave.api.governance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The committee's response time for one application at one stage (first decision, or appeal): it runs
 * from {@code since} (submission, or appeal) and is due {@code max} later. Pure: the instant "now" is
 * always passed in, so tests use any clock.
 *
 * @param since when the clock started (never null)
 * @param max   the maximum response time for the application's tier (positive)
 */
public record Deadline(Instant since, Duration max) {

    public Deadline {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(max, "max");
    }

    public Instant due() {
        return since.plus(max);
    }

    /** Time elapsed at {@code now}; zero if {@code now} is before {@code since}. */
    public Duration elapsed(Instant now) {
        Duration d = Duration.between(since, now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Overdue once {@code now} is strictly after the due instant (at the due instant it is still on time). */
    public boolean overdue(Instant now) {
        return now.isAfter(due());
    }

    /** Whether a decision taken at {@code decidedAt} was within the maximum. */
    public boolean metBy(Instant decidedAt) {
        return !decidedAt.isAfter(due());
    }

    /**
     * Whether an overdue application needs a reminder now: it is overdue and either has never been
     * reminded at this stage or the last reminder is at least {@code interval} old. Reminding again at
     * the same instant is never due, which makes the job idempotent.
     */
    public boolean reminderDue(Instant now, Optional<Instant> lastReminder, Duration interval) {
        if (!overdue(now)) {
            return false;
        }
        return lastReminder.map(last -> !now.isBefore(last.plus(interval))).orElse(true);
    }
}
