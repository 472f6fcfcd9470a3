package org.enclave.api.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deadline and overdue logic, with instants passed in (an injected clock in all but name). */
class DeadlineTest {

    static final Instant SUBMITTED = Instant.parse("2026-01-10T09:00:00Z");
    static final Duration MAX = Duration.ofDays(60);
    static final Duration INTERVAL = Duration.ofDays(7);
    final Deadline d = new Deadline(SUBMITTED, MAX);

    @Test
    void dueIsSubmissionPlusTheMaximum() {
        assertThat(d.due()).isEqualTo(Instant.parse("2026-03-11T09:00:00Z"));
    }

    @Test
    void overdueOnlyStrictlyAfterTheDueInstant() {
        assertThat(d.overdue(d.due().minusSeconds(1))).isFalse();
        assertThat(d.overdue(d.due())).as("at the due instant it is still on time").isFalse();
        assertThat(d.overdue(d.due().plusNanos(1000))).isTrue();
    }

    @Test
    void elapsedTimeNeverNegative() {
        assertThat(d.elapsed(SUBMITTED.plus(Duration.ofHours(36)))).isEqualTo(Duration.ofHours(36));
        assertThat(d.elapsed(SUBMITTED.minusSeconds(5))).isEqualTo(Duration.ZERO);
    }

    @Test
    void decisionWithinTheMaximumIncludesTheDueInstant() {
        assertThat(d.metBy(d.due())).isTrue();
        assertThat(d.metBy(d.due().plusSeconds(1))).isFalse();
    }

    @Test
    void reminderOnlyWhenOverdueThenOncePerInterval() {
        Instant late = d.due().plus(Duration.ofHours(1));
        assertThat(d.reminderDue(d.due(), Optional.empty(), INTERVAL)).as("not yet overdue").isFalse();
        assertThat(d.reminderDue(late, Optional.empty(), INTERVAL)).as("first reminder").isTrue();
        assertThat(d.reminderDue(late, Optional.of(late), INTERVAL)).as("same instant: idempotent").isFalse();
        assertThat(d.reminderDue(late.plus(INTERVAL).minusSeconds(1), Optional.of(late), INTERVAL)).isFalse();
        assertThat(d.reminderDue(late.plus(INTERVAL), Optional.of(late), INTERVAL)).as("one interval later").isTrue();
    }
}
