package org.enclave.api.governance;

import java.time.Clock;
import java.util.List;
import org.enclave.api.audit.AuditEvent;
import org.enclave.api.audit.AuditLog;
import org.enclave.api.audit.Outcome;
import org.enclave.api.platform.DomainException;
import org.enclave.api.platform.InvariantViolation;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectId;
import org.enclave.api.project.ProjectService;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Consultations: each change and its audit entry in one transaction; question and opinion only as HMACs in the log. */
@Service
public class ConsultationService {

    private final ConsultationRepository repository;
    private final ProjectService projects;
    private final AuditLog audit;
    private final Clock clock;

    ConsultationService(ConsultationRepository repository, ProjectService projects, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.projects = projects;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Consultation request(Actor actor, ProjectId projectId, Consultation.Kind kind, String consultee, String question) {
        Project p = projects.load(projectId);
        repository.projectStateForShare(projectId);
        Consultation.check(Consultation.whyNotRequest(p, actor, consultee));
        Consultation c = new Consultation(ConsultationId.random(), projectId, p.state(), kind, consultee, question,
                actor.username(), clock.instant(), null, null);
        repository.insert(c);
        audit.append(AuditEvent.of(actor.username(), "consultation.requested", "project", projectId, Outcome.DONE)
                .with("consultation", c.id()).with("stage", c.stage()).with("kind", kind).with("consultee", consultee)
                .sensitive("question", question));
        return c;
    }

    @Transactional
    public Consultation answer(Actor actor, ConsultationId id, String opinion) {
        Consultation c = repository.lock(id).orElseThrow(() -> new DomainException.NotFound("consultation", id));
        if (!c.canView(actor)) {
            throw new DomainException.NotFound("consultation", id); // outsiders do not learn it exists
        }
        Consultation.check(c.whyNotAnswer(actor, repository.projectStateForShare(c.project())));
        Consultation answered = new Consultation(c.id(), c.project(), c.stage(), c.kind(), c.consultee(), c.question(),
                c.requestedBy(), c.requestedAt(), opinion, clock.instant());
        if (!repository.answer(answered)) {
            throw new InvariantViolation("consultation " + id + " answered under a row lock");
        }
        audit.append(AuditEvent.of(actor.username(), "consultation.answered", "project", c.project(), Outcome.DONE)
                .with("consultation", c.id()).with("stage", c.stage()).sensitive("opinion", opinion));
        return answered;
    }

    /** The committee sees all of a project's consultations, a consultee only theirs; anyone else is refused. */
    @Transactional(readOnly = true)
    public List<Consultation> forProject(Actor actor, ProjectId projectId) {
        projects.load(projectId);
        List<Consultation> all = repository.forProject(projectId);
        if (actor.has(Role.COMMITTEE)) {
            return all;
        }
        List<Consultation> mine = all.stream().filter(c -> c.consultee().equals(actor.username())).toList();
        if (mine.isEmpty()) {
            throw new DomainException.Forbidden("only the committee and the consultees see a project's consultations");
        }
        return mine;
    }

    @Transactional(readOnly = true)
    public List<Consultation> mine(Actor actor) {
        return repository.forConsultee(actor.username());
    }
}
