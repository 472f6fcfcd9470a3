package org.enclave.api.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.enclave.api.platform.DomainException;
import org.enclave.api.project.ProjectId;
import org.enclave.api.release.ReleaseLifecycle.Party;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.enclave.api.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

/**
 * Walks every (from, to, party) triple of the release lifecycle against a specification written here,
 * independently of the table, both on the table and on the {@link ReleaseRequest} aggregate; then the
 * rules on top of the table (separation of duties, one vote per checker, hidden votes, failing tables,
 * reset of reviews).
 */
class ReleaseLifecycleTest {

    /** The specification (docs/api.md; RELEASED by the author, decisions by the system). */
    static final Map<String, Set<Party>> SPEC = Map.ofEntries(
            Map.entry("DRAFT>SUBMITTED", Set.of(Party.AUTHOR)),
            Map.entry("RETURNED>SUBMITTED", Set.of(Party.AUTHOR)),
            Map.entry("SUBMITTED>PARTIALLY_REVIEWED", Set.of(Party.CHECKER)),
            Map.entry("PARTIALLY_REVIEWED>REVIEWED", Set.of(Party.CHECKER)),
            Map.entry("REVIEWED>APPROVED", Set.of(Party.SYSTEM)),
            Map.entry("REVIEWED>RETURNED", Set.of(Party.SYSTEM)),
            Map.entry("REVIEWED>REJECTED", Set.of(Party.SYSTEM)),
            Map.entry("APPROVED>RELEASED", Set.of(Party.AUTHOR)),
            Map.entry("DRAFT>WITHDRAWN", Set.of(Party.AUTHOR)),
            Map.entry("SUBMITTED>WITHDRAWN", Set.of(Party.AUTHOR)),
            Map.entry("PARTIALLY_REVIEWED>WITHDRAWN", Set.of(Party.AUTHOR)),
            Map.entry("RETURNED>WITHDRAWN", Set.of(Party.AUTHOR)),
            Map.entry("APPROVED>WITHDRAWN", Set.of(Party.AUTHOR)));

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final Actor ALICE = Actor.user("alice", Role.RESEARCHER);
    static final Actor CHRIS = Actor.user("chris", Role.CHECKER);
    static final Actor CHLOE = Actor.user("chloe", Role.CHECKER);

    static Actor actorFor(Party party) {
        return switch (party) {
            case AUTHOR -> ALICE;
            case CHECKER -> CHRIS;
            case SYSTEM -> Actor.SYSTEM;
        };
    }

    static ReleaseOutput output(String name, String verdict) {
        return new ReleaseOutput(name, UUID.randomUUID(), "ab".repeat(32), List.of("stays@v1"), "standard", "{}", null, verdict,
                "0 cells suppressed; 0 secondary", null, NOW);
    }

    static Vote vote(String checker, Vote.Decision d) {
        return new Vote(1, checker, d, "because", NOW);
    }

    static ReleaseRequest request(ReleaseState state, List<Vote> votes, ReleaseOutput... outputs) {
        return new ReleaseRequest(ReleaseId.random(), ProjectId.random(), WorkspaceId.random(), "alice", Set.of("alice", "bob"),
                "ctx", "ctl", NOW, state, 1, List.of(outputs), votes, NOW, null);
    }

    /** A request in {@code from} whose votes make each method aim at {@code to}. */
    static ReleaseRequest inState(ReleaseState from, ReleaseState to) {
        List<Vote> votes = new ArrayList<>();
        switch (to) {
            case REVIEWED -> votes.add(vote("chloe", Vote.Decision.APPROVE));
            case APPROVED -> votes.addAll(List.of(vote("chloe", Vote.Decision.APPROVE), vote("cyril", Vote.Decision.APPROVE)));
            case RETURNED -> votes.addAll(List.of(vote("chloe", Vote.Decision.APPROVE), vote("cyril", Vote.Decision.REQUEST_CHANGES)));
            case REJECTED -> votes.addAll(List.of(vote("chloe", Vote.Decision.REQUEST_CHANGES), vote("cyril", Vote.Decision.REJECT)));
            default -> { }
        }
        return request(from, votes, output("t1", "pass"));
    }

    static ReleaseState attempt(ReleaseRequest r, ReleaseState to, Actor actor) {
        return switch (to) {
            case SUBMITTED -> r.submit(actor, Optional.empty(), NOW);
            case WITHDRAWN -> r.withdraw(actor);
            case PARTIALLY_REVIEWED, REVIEWED -> r.vote(actor, Vote.Decision.APPROVE, "ok", NOW);
            case APPROVED, RETURNED, REJECTED -> r.decide(actor);
            case RELEASED -> r.release(actor, NOW);
            case DRAFT -> throw new IllegalStateException("no move leads to DRAFT");
        };
    }

    @Test
    void everyTripleMatchesTheSpecification() {
        int checked = 0;
        for (ReleaseState from : ReleaseState.values()) {
            for (ReleaseState to : ReleaseState.values()) {
                Set<Party> allowed = SPEC.getOrDefault(from + ">" + to, Set.of());
                for (Party party : Party.values()) {
                    boolean expected = allowed.contains(party);
                    assertThat(ReleaseLifecycle.MACHINE.allows(from, to, party)).as("%s -> %s by %s", from, to, party)
                            .isEqualTo(expected);
                    checked++;
                    if (to == ReleaseState.DRAFT) {
                        continue;
                    }
                    ReleaseRequest r = inState(from, to);
                    Actor actor = actorFor(party);
                    if (expected) {
                        assertThat(attempt(r, to, actor)).as("%s -> %s by %s", from, to, party).isEqualTo(from);
                        assertThat(r.state()).isEqualTo(to);
                    } else {
                        Class<? extends DomainException> refusal = allowed.isEmpty()
                                ? DomainException.Conflict.class : DomainException.Forbidden.class;
                        assertThatThrownBy(() -> attempt(r, to, actor)).as("%s -> %s by %s", from, to, party)
                                .isInstanceOf(refusal);
                        assertThat(r.state()).isEqualTo(from);
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(9 * 9 * 3);
        assertThat(ReleaseLifecycle.MACHINE.transitions()).hasSize(SPEC.size());
    }

    @Test
    void theAuthorAndProjectMembersNeverReview() {
        ReleaseRequest r = request(ReleaseState.SUBMITTED, List.of(), output("t1", "pass"));
        Actor aliceAlsoChecker = Actor.user("alice", Role.RESEARCHER, Role.CHECKER);
        Actor bobMemberChecker = Actor.user("bob", Role.CHECKER);
        for (Actor a : List.of(aliceAlsoChecker, bobMemberChecker)) {
            assertThatThrownBy(() -> r.vote(a, Vote.Decision.APPROVE, "mine", NOW))
                    .isInstanceOf(DomainException.Forbidden.class).hasMessageContaining("separation of duties");
            assertThat(r.canView(a) && r.isCheckerFor(a)).isFalse();
        }
        assertThat(r.state()).isEqualTo(ReleaseState.SUBMITTED);
    }

    @Test
    void aCheckerVotesOncePerRound() {
        ReleaseRequest r = request(ReleaseState.SUBMITTED, List.of(), output("t1", "pass"));
        r.vote(CHRIS, Vote.Decision.APPROVE, "fine", NOW);
        assertThat(r.state()).isEqualTo(ReleaseState.PARTIALLY_REVIEWED);
        assertThatThrownBy(() -> r.vote(CHRIS, Vote.Decision.APPROVE, "again", NOW))
                .isInstanceOf(DomainException.Conflict.class).hasMessageContaining("already voted");
        r.vote(CHLOE, Vote.Decision.APPROVE, "fine too", NOW);
        assertThat(r.state()).isEqualTo(ReleaseState.REVIEWED);
        assertThatThrownBy(() -> r.vote(Actor.user("cyril", Role.CHECKER), Vote.Decision.REJECT, "late", NOW))
                .isInstanceOf(DomainException.Conflict.class);
        r.decide(Actor.SYSTEM);
        assertThat(r.state()).isEqualTo(ReleaseState.APPROVED);
    }

    @Test
    void votesAreHiddenFromEachOtherUntilBothHaveVoted() {
        ReleaseRequest r = request(ReleaseState.SUBMITTED, List.of(), output("t1", "pass"));
        r.vote(CHRIS, Vote.Decision.REQUEST_CHANGES, "cell 3 is small", NOW);
        assertThat(r.votesVisibleTo(CHLOE)).isEmpty();
        assertThat(r.votesVisibleTo(ALICE)).isEmpty();
        assertThat(r.votesVisibleTo(CHRIS)).extracting(Vote::checker).containsExactly("chris");
        r.vote(CHLOE, Vote.Decision.APPROVE, "ok", NOW);
        assertThat(r.votesVisibleTo(CHLOE)).hasSize(2);
        assertThat(r.votesVisibleTo(ALICE)).hasSize(2).allSatisfy(v -> assertThat(v.reason()).isNull());
        assertThat(r.decisionTarget()).isEqualTo(ReleaseState.RETURNED);
    }

    @Test
    void anyRejectionRejectsAndTwoApprovalsApprove() {
        assertThat(inState(ReleaseState.REVIEWED, ReleaseState.REJECTED).decisionTarget()).isEqualTo(ReleaseState.REJECTED);
        assertThat(inState(ReleaseState.REVIEWED, ReleaseState.APPROVED).decisionTarget()).isEqualTo(ReleaseState.APPROVED);
        assertThat(inState(ReleaseState.REVIEWED, ReleaseState.RETURNED).decisionTarget()).isEqualTo(ReleaseState.RETURNED);
    }

    @Test
    void aFailingTableCanOnlyBeReturnedOrRejected() {
        ReleaseRequest r = request(ReleaseState.SUBMITTED, List.of(), output("ok", "pass"), output("bad", "fail"));
        assertThat(r.whyNotVote(CHRIS, Vote.Decision.APPROVE)).get().isInstanceOf(DomainException.Conflict.class)
                .extracting(Throwable::getMessage).asString().contains("output bad fails the disclosure policy");
        assertThatThrownBy(() -> r.vote(CHRIS, Vote.Decision.APPROVE, "ok", NOW)).isInstanceOf(DomainException.Conflict.class);
        r.vote(CHRIS, Vote.Decision.REQUEST_CHANGES, "fix bad", NOW);
        r.vote(CHLOE, Vote.Decision.REJECT, "no", NOW);
        r.decide(Actor.SYSTEM);
        assertThat(r.state()).isEqualTo(ReleaseState.REJECTED);
    }

    @Test
    void changingAnOutputAfterReviewStartsANewRound() {
        ReleaseRequest r = request(ReleaseState.RETURNED,
                List.of(vote("chris", Vote.Decision.APPROVE), vote("chloe", Vote.Decision.REQUEST_CHANGES)), output("t1", "pass"));
        assertThat(r.putOutput(ALICE, Optional.empty(), output("t2", "pass"))).isTrue();
        assertThat(r.votes()).isEmpty();
        assertThat(r.round()).isEqualTo(2);
        assertThat(r.removeOutput(ALICE, Optional.empty(), "t1")).as("nothing left to reset").isFalse();
        assertThat(r.round()).isEqualTo(2);
        r.submit(ALICE, Optional.empty(), NOW);
        assertThat(r.round()).isEqualTo(3);
        ReleaseRequest draft = request(ReleaseState.DRAFT, List.of(), output("t1", "pass"));
        assertThat(draft.putOutput(ALICE, Optional.empty(), output("t2", "pass"))).isFalse();
        ReleaseRequest submitted = request(ReleaseState.SUBMITTED, List.of(), output("t1", "pass"));
        assertThatThrownBy(() -> submitted.removeOutput(ALICE, Optional.empty(), "t1")).isInstanceOf(DomainException.Conflict.class);
    }

    @Test
    void anUnusableWorkspaceStopsEditsAndSubmissionButNotWithdrawal() {
        Optional<DomainException> expired = Optional.of(new DomainException.Conflict("workspace expired"));
        ReleaseRequest r = request(ReleaseState.DRAFT, List.of(), output("t1", "pass"));
        assertThatThrownBy(() -> r.submit(ALICE, expired, NOW)).hasMessageContaining("expired");
        assertThat(r.can(ReleaseRequest.Move.EDIT_OUTPUTS, ALICE, expired)).isFalse();
        assertThat(r.can(ReleaseRequest.Move.WITHDRAW, ALICE, expired)).isTrue();
        ReleaseRequest empty = request(ReleaseState.DRAFT, List.of());
        assertThatThrownBy(() -> empty.submit(ALICE, Optional.empty(), NOW)).hasMessageContaining("at least one output");
    }

    @Test
    void canAndCheckNeverDisagree() {
        Actor[] actors = {ALICE, CHRIS, Actor.user("bob", Role.CHECKER), Actor.user("rachel", Role.RESEARCHER),
                Actor.user("audrey", Role.AUDITOR), Actor.SYSTEM};
        for (ReleaseState state : ReleaseState.values()) {
            for (ReleaseRequest.Move move : ReleaseRequest.Move.values()) {
                for (Actor actor : actors) {
                    ReleaseRequest r = request(state, List.of(), output("t1", "pass"));
                    if (r.can(move, actor, Optional.empty())) {
                        r.check(move, actor, Optional.empty());
                    } else {
                        assertThatThrownBy(() -> r.check(move, actor, Optional.empty())).isInstanceOf(DomainException.class);
                    }
                }
            }
        }
    }

    @Test
    void privateCommentsAreTheCheckers() {
        ReleaseRequest r = request(ReleaseState.SUBMITTED, List.of(), output("t1", "pass"));
        assertThat(r.whyNotComment(ALICE, Comment.Visibility.PUBLIC)).isEmpty();
        assertThat(r.whyNotComment(ALICE, Comment.Visibility.PRIVATE)).get().isInstanceOf(DomainException.Forbidden.class);
        assertThat(r.whyNotComment(CHRIS, Comment.Visibility.PRIVATE)).isEmpty();
        assertThat(r.whyNotComment(Actor.user("rachel", Role.RESEARCHER), Comment.Visibility.PUBLIC)).isPresent();
    }
}
