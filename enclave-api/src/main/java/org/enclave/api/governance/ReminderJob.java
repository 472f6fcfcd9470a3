package org.enclave.api.governance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every {@code enclave.governance.reminder-check-interval}: records reminders for overdue applications. */
@Component
class ReminderJob {

    private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);

    private final GovernanceService governance;

    ReminderJob(GovernanceService governance) {
        this.governance = governance;
    }

    @Scheduled(fixedDelayString = "${enclave.governance.reminder-check-interval}",
            initialDelayString = "${enclave.governance.reminder-check-interval}")
    void scheduled() {
        int n = governance.remindOverdue();
        if (n > 0) {
            log.info("reminded the committee of {} overdue application(s)", n);
        }
    }
}
