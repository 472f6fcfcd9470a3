package org.enclave.api.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.enclave.api.platform.DomainException;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectId;
import org.enclave.api.project.ProjectState;
import org.enclave.api.project.ProjectTestSupport;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.junit.jupiter.api.Test;

/** Who may ask for an opinion, and who may give it when. */
class ConsultationRulesTest {

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    final Actor carol = Actor.user("carol", Role.COMMITTEE);

    Project project(ProjectState state) {
        return ProjectTestSupport.inState(state, "bob", NOW, NOW.plusSeconds(86_400));
    }

    Consultation asked(Consultation.Kind kind, String consultee) {
        return new Consultation(ConsultationId.random(), ProjectId.random(), ProjectState.SUBMITTED, kind, consultee, "q",
                "carol", NOW, null, null);
    }

    @Test
    void onlyAnIndependentCommitteeMemberAsksAnIndependentConsulteeWhileADecisionIsPending() {
        assertThat(Consultation.whyNotRequest(project(ProjectState.SUBMITTED), carol, "sam")).isEmpty();
        assertThat(Consultation.whyNotRequest(project(ProjectState.APPEALED), carol, "sam")).isEmpty();
        assertThat(Consultation.whyNotRequest(project(ProjectState.APPROVED), carol, "sam")).get().isInstanceOf(DomainException.Conflict.class);
        assertThat(Consultation.whyNotRequest(project(ProjectState.SUBMITTED), Actor.user("sam", Role.STEWARD), "expert"))
                .get().isInstanceOf(DomainException.Forbidden.class);
        assertThat(Consultation.whyNotRequest(project(ProjectState.SUBMITTED), Actor.user("bob", Role.COMMITTEE), "sam"))
                .as("a member on the committee").get().isInstanceOf(DomainException.Forbidden.class);
        assertThat(Consultation.whyNotRequest(project(ProjectState.SUBMITTED), carol, "bob"))
                .as("a member as consultee").get().isInstanceOf(DomainException.Invalid.class);
        assertThat(Consultation.whyNotRequest(project(ProjectState.SUBMITTED), carol, "carol")).get().isInstanceOf(DomainException.Invalid.class);
    }

    @Test
    void onlyTheConsulteeAnswersOnceBeforeTheDecision() {
        Consultation steward = asked(Consultation.Kind.STEWARD, "sam");
        assertThat(steward.whyNotAnswer(Actor.user("sam", Role.STEWARD), ProjectState.SUBMITTED)).isEmpty();
        assertThat(steward.whyNotAnswer(Actor.user("sam"), ProjectState.SUBMITTED)).as("no longer a steward")
                .get().isInstanceOf(DomainException.Forbidden.class);
        assertThat(steward.whyNotAnswer(carol, ProjectState.SUBMITTED)).get().isInstanceOf(DomainException.Forbidden.class);
        assertThat(steward.whyNotAnswer(Actor.user("sam", Role.STEWARD), ProjectState.APPROVED)).as("decided: closed")
                .get().isInstanceOf(DomainException.Conflict.class);
        Consultation expert = asked(Consultation.Kind.EXPERT, "erin");
        assertThat(expert.whyNotAnswer(Actor.user("erin"), ProjectState.SUBMITTED)).as("an expert needs no role").isEmpty();
        Consultation answered = new Consultation(expert.id(), expert.project(), expert.stage(), expert.kind(), "erin", "q", "carol",
                NOW, "opinion", NOW);
        assertThat(answered.whyNotAnswer(Actor.user("erin"), ProjectState.SUBMITTED)).get().isInstanceOf(DomainException.Conflict.class);
    }
}
