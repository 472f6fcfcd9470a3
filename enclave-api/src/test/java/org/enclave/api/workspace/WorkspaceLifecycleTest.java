package org.enclave.api.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.enclave.api.platform.DomainException;
import org.enclave.api.project.ProjectId;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.enclave.api.workspace.WorkspaceLifecycle.Party;
import org.junit.jupiter.api.Test;

/** Every (from, to, party) triple of the workspace lifecycle, on the table and on the aggregate; expiry rule. */
class WorkspaceLifecycleTest {

    static final Map<String, Set<Party>> SPEC = Map.of(
            "OPEN>CLOSED", Set.of(Party.OWNER),
            "OPEN>EXPIRED", Set.of(Party.SYSTEM),
            "CLOSED>PURGED", Set.of(Party.SYSTEM),
            "EXPIRED>PURGED", Set.of(Party.SYSTEM));

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    static Workspace inState(WorkspaceState state) {
        return new Workspace(WorkspaceId.random(), ProjectId.random(), "bob", state, NOW, NOW.plusSeconds(3600), null, null);
    }

    static WorkspaceState attempt(Workspace w, WorkspaceState to, Party party) {
        return switch (to) {
            case CLOSED -> w.close(party == Party.OWNER ? Actor.user("bob", Role.RESEARCHER) : Actor.SYSTEM, NOW);
            case EXPIRED -> party == Party.SYSTEM ? w.expire(NOW) : ownerExpires(w);
            case PURGED -> party == Party.SYSTEM ? w.purge(NOW) : ownerPurges(w);
            case OPEN -> throw new IllegalStateException("no move leads to OPEN");
        };
    }

    // The aggregate's system-only moves take no actor; an owner attempting them goes through the same check.
    private static WorkspaceState ownerExpires(Workspace w) {
        WorkspaceLifecycle.MACHINE.checkMove(w.state(), WorkspaceState.EXPIRED);
        WorkspaceLifecycle.MACHINE.checkParty(w.state(), WorkspaceState.EXPIRED, Party.OWNER);
        return w.state();
    }

    private static WorkspaceState ownerPurges(Workspace w) {
        WorkspaceLifecycle.MACHINE.checkMove(w.state(), WorkspaceState.PURGED);
        WorkspaceLifecycle.MACHINE.checkParty(w.state(), WorkspaceState.PURGED, Party.OWNER);
        return w.state();
    }

    @Test
    void everyTripleMatchesTheSpecification() {
        int checked = 0;
        for (WorkspaceState from : WorkspaceState.values()) {
            for (WorkspaceState to : WorkspaceState.values()) {
                Set<Party> allowed = SPEC.getOrDefault(from + ">" + to, Set.of());
                for (Party party : Party.values()) {
                    boolean expected = allowed.contains(party);
                    assertThat(WorkspaceLifecycle.MACHINE.allows(from, to, party)).as("%s -> %s by %s", from, to, party)
                            .isEqualTo(expected);
                    checked++;
                    if (to == WorkspaceState.OPEN) {
                        continue;
                    }
                    Workspace w = inState(from);
                    if (expected) {
                        attempt(w, to, party);
                        assertThat(w.state()).isEqualTo(to);
                    } else {
                        assertThatThrownBy(() -> attempt(w, to, party)).as("%s -> %s by %s", from, to, party)
                                .isInstanceOf(allowed.isEmpty() ? DomainException.Conflict.class : DomainException.Forbidden.class);
                        assertThat(w.state()).isEqualTo(from);
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(4 * 4 * 2);
    }

    @Test
    void anotherResearcherCannotCloseSomeoneElsesWorkspace() {
        Workspace w = inState(WorkspaceState.OPEN);
        assertThatThrownBy(() -> w.close(Actor.user("alice", Role.RESEARCHER), NOW)).isInstanceOf(DomainException.Forbidden.class);
    }

    @Test
    void expiryIsTheEarliestOfRequestedEndMaximumAndGrantEnd() {
        Duration max = Duration.ofDays(30);
        assertThat(Workspace.expiry(NOW, NOW.plus(Duration.ofDays(5)), max, NOW.plus(Duration.ofDays(60))))
                .isEqualTo(NOW.plus(Duration.ofDays(5)));
        assertThat(Workspace.expiry(NOW, NOW.plus(Duration.ofDays(50)), max, NOW.plus(Duration.ofDays(60))))
                .isEqualTo(NOW.plus(max));
        assertThat(Workspace.expiry(NOW, NOW.plus(Duration.ofDays(50)), max, NOW.plus(Duration.ofDays(2))))
                .isEqualTo(NOW.plus(Duration.ofDays(2)));
    }

    @Test
    void useIsRefusedAtExpiryToTheMicrosecond() {
        Workspace w = inState(WorkspaceState.OPEN);
        var project = org.enclave.api.project.ProjectTestSupport.approved("bob", NOW.minusSeconds(10), NOW.plusSeconds(86_400));
        Actor bob = Actor.user("bob", Role.RESEARCHER);
        assertThat(w.canUse(bob, project, NOW.plusSeconds(3599))).isTrue();
        assertThat(w.whyNotUse(bob, project, NOW.plusSeconds(3600))).get().isInstanceOf(DomainException.Conflict.class);
        assertThat(w.whyNotUse(Actor.user("alice", Role.RESEARCHER), project, NOW)).get().isInstanceOf(DomainException.Forbidden.class);
        var revoked = org.enclave.api.project.ProjectTestSupport.inState(org.enclave.api.project.ProjectState.REVOKED, "bob",
                NOW.minusSeconds(10), NOW.plusSeconds(86_400));
        assertThat(w.whyNotUse(bob, revoked, NOW)).get().extracting(Throwable::getMessage).asString().contains("REVOKED");
    }
}
