package org.enclave.api.governance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.enclave.api.audit.AuditEvent;
import org.enclave.api.audit.AuditLog;
import org.enclave.api.audit.Outcome;
import org.enclave.api.catalogue.Sensitivity;
import org.enclave.api.platform.DomainException;
import org.enclave.api.project.ProjectId;
import org.enclave.api.project.ProjectState;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The committee's queue with deadlines, overdue reminders, and the decision-time figures
 * (docs/governance.md).
 */
@Service
public class GovernanceService {

    /** One application in the committee's queue, with its clock. */
    public record QueueEntry(ProjectId project, String title, ProjectState stage, Sensitivity tier, Instant since,
                             Instant due, Duration elapsed, double elapsedDays, boolean overdue, int openConsultations) {
    }

    /** The figures, and the rule they were computed with. */
    public record Figures(List<DecisionFigures.Quarter> quarters, int minDecisionsPerQuarter, String method) {
    }

    static final String METHOD = "first-instance decisions (an appealed project counts with its rejection), by quarter of"
            + " decision in UTC; time from submission to decision; median and 90th percentile by nearest rank, in days;"
            + " share decided within the maximum response time of the application's tier";

    private final GovernanceRepository repository;
    private final ConsultationRepository consultations;
    private final GovernanceProperties properties;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate each;

    GovernanceService(GovernanceRepository repository, ConsultationRepository consultations, GovernanceProperties properties,
                      AuditLog audit, Clock clock, PlatformTransactionManager tx) {
        this.repository = repository;
        this.consultations = consultations;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.each = new TransactionTemplate(tx);
    }

    public static boolean canSeeQueue(Actor actor) {
        return actor.has(Role.COMMITTEE);
    }

    public static void checkSeeQueue(Actor actor) {
        if (!canSeeQueue(actor)) {
            throw new DomainException.Forbidden("only the committee sees its queue");
        }
    }

    Deadline deadlineOf(GovernanceRepository.Pending p) {
        return new Deadline(p.since(), properties.maxFor(p.tier()));
    }

    /** Applications waiting for the committee, oldest first, with elapsed time and the overdue flag. */
    @Transactional(readOnly = true)
    public List<QueueEntry> queue(Actor actor) {
        checkSeeQueue(actor);
        Instant now = clock.instant();
        return repository.pending().stream().map(p -> {
            Deadline d = deadlineOf(p);
            Duration elapsed = d.elapsed(now);
            return new QueueEntry(p.id(), p.title(), p.stage(), p.tier(), p.since(), d.due(), elapsed,
                    Math.round(elapsed.toMinutes() / 144.0) / 10.0, d.overdue(now), consultations.countOpen(p.id(), p.stage()));
        }).toList();
    }

    /**
     * Records an {@code application.reminder} audit entry for each overdue application not reminded at
     * its stage within {@code enclave.governance.reminder-interval}; one transaction per application,
     * under its row lock, so two runs at once remind once. Returns how many were reminded.
     */
    public int remindOverdue() {
        List<ProjectId> candidates = each.execute(s -> repository.pending().stream().map(GovernanceRepository.Pending::id).toList());
        int reminded = 0;
        for (ProjectId id : candidates) {
            Boolean done = each.execute(s -> {
                Instant now = clock.instant();
                GovernanceRepository.Pending p = repository.lockPending(id).orElse(null);
                if (p == null) {
                    return false; // decided meanwhile
                }
                Deadline d = deadlineOf(p);
                if (!d.reminderDue(now, repository.lastReminder(id, p.stage()), properties.reminderInterval())) {
                    return false;
                }
                repository.insertReminder(id, p.stage(), now);
                audit.append(AuditEvent.of(Actor.SYSTEM.username(), "application.reminder", "project", id, Outcome.DONE)
                        .with("stage", p.stage()).with("tier", p.tier()).with("since", p.since()).with("due", d.due())
                        .with("overdue_by", Duration.between(d.due(), now)));
                return true;
            });
            reminded += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return reminded;
    }

    /** For the committee: every quarter in full. */
    @Transactional(readOnly = true)
    public Figures committeeFigures(Actor actor) {
        checkSeeQueue(actor);
        return figures(1);
    }

    /** For the public: aggregate only, and quarters with fewer decisions than the threshold withheld. */
    @Transactional(readOnly = true)
    public Figures publicFigures() {
        return figures(properties.publicFiguresMinDecisions());
    }

    private Figures figures(int minDecisions) {
        List<DecisionFigures.Sample> samples = repository.decided().stream()
                .map(d -> new DecisionFigures.Sample(d.submittedAt(), d.decidedAt(), properties.maxFor(d.tier()))).toList();
        return new Figures(DecisionFigures.byQuarter(samples, minDecisions), minDecisions, METHOD);
    }
}
