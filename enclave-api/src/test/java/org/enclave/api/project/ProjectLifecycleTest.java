package org.enclave.api.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.platform.DomainException;
import org.enclave.api.project.ProjectLifecycle.Party;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.junit.jupiter.api.Test;

/**
 * Walks every (from, to, party) triple of the project lifecycle, against a specification written here
 * independently of the table, both on the table and on the {@link Project} aggregate itself.
 */
class ProjectLifecycleTest {

    /** The specification (docs/api.md). */
    static final Map<String, Set<Party>> SPEC = Map.of(
            "DRAFT>SUBMITTED", Set.of(Party.AUTHOR),
            "SUBMITTED>APPROVED", Set.of(Party.COMMITTEE),
            "SUBMITTED>REJECTED", Set.of(Party.COMMITTEE),
            "APPROVED>REVOKED", Set.of(Party.COMMITTEE),
            "APPROVED>ENDED", Set.of(Party.COMMITTEE, Party.SYSTEM),
            // Appeals (docs/governance.md): once, decided by the committee.
            "REJECTED>APPEALED", Set.of(Party.AUTHOR),
            "APPEALED>APPROVED", Set.of(Party.COMMITTEE),
            "APPEALED>REJECTED_FINAL", Set.of(Party.COMMITTEE));

    static final DatasetId DS = new DatasetId(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    static Actor actorFor(Party party) {
        return switch (party) {
            case AUTHOR -> Actor.user("alice", Role.RESEARCHER);
            case COMMITTEE -> Actor.user("carol", Role.COMMITTEE);
            case SYSTEM -> Actor.SYSTEM;
        };
    }

    /** Rejected (and, when appealed, under appeal) by {@code dave}, so that carol may decide an appeal. */
    static Project inState(ProjectState state) {
        SortedMap<DatasetId, SortedSet<String>> cols = new TreeMap<>(Map.of(DS, new TreeSet<>(Set.of("pid", "age"))));
        Project.Decision rejection = new Project.Decision("dave", NOW, "not enough detail");
        boolean rejected = state == ProjectState.REJECTED || state == ProjectState.APPEALED || state == ProjectState.REJECTED_FINAL;
        return new Project(ProjectId.random(), "t", "p", "l", "alice", new TreeSet<>(Set.of("alice", "bob")),
                new Project.Window(NOW, NOW.plusSeconds(86_400)), cols, NOW, state,
                new Project.Window(NOW, NOW.plusSeconds(86_400)), cols, rejected ? rejection : null, null)
                .withGovernance(null, NOW, state == ProjectState.APPEALED || state == ProjectState.REJECTED_FINAL
                        ? new Project.Appeal("alice", NOW, "grounds", rejection) : null);
    }

    static ProjectState attempt(Project p, ProjectState to, Actor actor) {
        return switch (to) {
            case SUBMITTED -> p.submit(actor);
            case APPROVED -> p.approve(actor, new Project.Window(NOW, NOW.plusSeconds(3600)), p.requestedColumns(), "ok", NOW);
            case REJECTED -> p.reject(actor, "no", NOW);
            case REVOKED -> p.revoke(actor, "no", NOW);
            case ENDED -> p.end(actor, "done", NOW);
            case APPEALED -> p.appeal(actor, "the committee misread the protocol", NOW);
            case REJECTED_FINAL -> p.dismissAppeal(actor, "rejection stands", NOW);
            case DRAFT -> throw new IllegalStateException("no move leads to DRAFT");
        };
    }

    @Test
    void everyTripleMatchesTheSpecification() {
        int checked = 0;
        for (ProjectState from : ProjectState.values()) {
            for (ProjectState to : ProjectState.values()) {
                Set<Party> allowed = SPEC.getOrDefault(from + ">" + to, Set.of());
                for (Party party : Party.values()) {
                    boolean expected = allowed.contains(party);
                    assertThat(ProjectLifecycle.MACHINE.allows(from, to, party)).as("%s -> %s by %s", from, to, party).isEqualTo(expected);
                    if (to == ProjectState.DRAFT) {
                        checked++;
                        continue;
                    }
                    Project p = inState(from);
                    Actor actor = actorFor(party);
                    if (expected) {
                        assertThat(attempt(p, to, actor)).isEqualTo(from);
                        assertThat(p.state()).isEqualTo(to);
                    } else if (allowed.isEmpty()) {
                        assertThatThrownBy(() -> attempt(p, to, actor)).as("%s -> %s by %s", from, to, party)
                                .isInstanceOf(DomainException.Conflict.class);
                        assertThat(p.state()).isEqualTo(from);
                    } else {
                        assertThatThrownBy(() -> attempt(p, to, actor)).as("%s -> %s by %s", from, to, party)
                                .isInstanceOf(DomainException.Forbidden.class);
                        assertThat(p.state()).isEqualTo(from);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(8 * 8 * 3);
        assertThat(ProjectLifecycle.MACHINE.transitions()).hasSize(SPEC.size());
    }

    @Test
    void stateIsCheckedBeforeTheActor() {
        // An outsider asking for an impossible move learns only that the move is impossible (409, not 403).
        Project p = inState(ProjectState.REJECTED);
        assertThatThrownBy(() -> p.approve(Actor.user("mallory", Role.RESEARCHER), null, null, "x", NOW))
                .isInstanceOf(DomainException.Conflict.class);
    }

    @Test
    void committeeMemberOfTheProjectCannotDecide() {
        Project p = inState(ProjectState.SUBMITTED);
        Actor bobOnCommittee = Actor.user("bob", Role.COMMITTEE, Role.RESEARCHER);
        for (Project.Move m : new Project.Move[] {Project.Move.APPROVE, Project.Move.REJECT}) {
            assertThat(p.can(m, bobOnCommittee)).isFalse();
            assertThat(p.whyNot(m, bobOnCommittee)).get().extracting(Throwable::getMessage).asString().contains("separation of duties");
        }
        Project approved = inState(ProjectState.APPROVED);
        assertThat(approved.can(Project.Move.REVOKE, bobOnCommittee)).isFalse();
        assertThat(approved.can(Project.Move.REVOKE, Actor.user("carol", Role.COMMITTEE))).isTrue();
    }

    @Test
    void whoeverRejectedCannotDecideTheAppeal() {
        Project p = inState(ProjectState.APPEALED);
        Actor dave = Actor.user("dave", Role.COMMITTEE);
        for (Project.Move m : new Project.Move[] {Project.Move.APPROVE, Project.Move.DISMISS_APPEAL}) {
            assertThat(p.can(m, dave)).isFalse();
            assertThat(p.whyNot(m, dave)).get().extracting(Throwable::getMessage).asString().contains("rejection cannot decide the appeal");
            assertThat(p.can(m, Actor.user("carol", Role.COMMITTEE))).isTrue();
            assertThat(p.can(m, Actor.user("bob", Role.COMMITTEE, Role.RESEARCHER))).as("a member").isFalse();
        }
        assertThat(p.can(Project.Move.APPROVE, Actor.user("stella", Role.STEWARD, Role.COMMITTEE))).as("a steward").isFalse();
    }

    @Test
    void anAppealIsMadeOnceByTheAuthorWithTheRejectionKept() {
        Project p = inState(ProjectState.REJECTED);
        assertThat(p.can(Project.Move.APPEAL, Actor.user("bob", Role.RESEARCHER))).as("a member who is not the author").isFalse();
        p.appeal(Actor.user("alice", Role.RESEARCHER), "grounds", NOW);
        assertThat(p.appeal().rejection().by()).isEqualTo("dave");
        p.dismissAppeal(Actor.user("carol", Role.COMMITTEE), "stands", NOW);
        assertThat(p.decision().by()).isEqualTo("carol");
        assertThatThrownBy(() -> p.appeal(Actor.user("alice", Role.RESEARCHER), "again", NOW))
                .isInstanceOf(DomainException.Conflict.class);
    }

    @Test
    void stewardCannotGrantEvenOnTheCommittee() {
        Project p = inState(ProjectState.SUBMITTED);
        Actor stella = Actor.user("stella", Role.STEWARD, Role.COMMITTEE);
        assertThatThrownBy(() -> p.approve(stella, new Project.Window(NOW, NOW.plusSeconds(60)), p.requestedColumns(), "x", NOW))
                .isInstanceOf(DomainException.Forbidden.class).hasMessageContaining("steward cannot grant");
        assertThat(p.can(Project.Move.REJECT, stella)).isTrue();
    }

    @Test
    void canAndCheckNeverDisagree() {
        Actor[] actors = {Actor.user("alice", Role.RESEARCHER), Actor.user("bob", Role.RESEARCHER, Role.COMMITTEE),
                Actor.user("carol", Role.COMMITTEE), Actor.user("stella", Role.STEWARD, Role.COMMITTEE),
                Actor.user("audrey", Role.AUDITOR), Actor.SYSTEM};
        for (ProjectState state : ProjectState.values()) {
            for (Project.Move move : Project.Move.values()) {
                for (Actor actor : actors) {
                    Project p = inState(state);
                    boolean can = p.can(move, actor);
                    if (can) {
                        p.check(move, actor);
                    } else {
                        assertThatThrownBy(() -> p.check(move, actor)).isInstanceOf(DomainException.class);
                    }
                }
            }
        }
    }

    @Test
    void authorWithoutTheResearcherRoleIsNotTheAuthorParty() {
        Project p = inState(ProjectState.DRAFT);
        assertThat(p.can(Project.Move.SUBMIT, Actor.user("alice", Role.AUDITOR))).isFalse();
        assertThat(p.can(Project.Move.SUBMIT, Actor.user("bob", Role.RESEARCHER))).isFalse();
    }
}
