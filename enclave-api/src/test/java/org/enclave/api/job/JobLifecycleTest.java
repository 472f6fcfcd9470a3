package org.enclave.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.enclave.api.job.JobLifecycle.Party;
import org.enclave.api.platform.DomainException;
import org.enclave.api.project.ProjectId;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.enclave.api.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

/** Every (from, to, party) triple of the job lifecycle, on the table and on the aggregate. */
class JobLifecycleTest {

    static final Map<String, Set<Party>> SPEC = Map.of(
            "QUEUED>RUNNING", Set.of(Party.SYSTEM),
            "QUEUED>CANCELLED", Set.of(Party.RESEARCHER, Party.SYSTEM),
            "QUEUED>FAILED", Set.of(Party.SYSTEM),
            "RUNNING>SUCCEEDED", Set.of(Party.SYSTEM),
            "RUNNING>FAILED", Set.of(Party.SYSTEM),
            "RUNNING>CANCELLED", Set.of(Party.RESEARCHER, Party.SYSTEM));

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final Actor BOB = Actor.user("bob", Role.RESEARCHER);

    static Job inState(JobState state) {
        return new Job(JobId.random(), WorkspaceId.random(), ProjectId.random(), "bob", Job.Kind.AGGREGATE, "SELECT 1",
                "00", "{}", List.of(), "standard", 60, 100, NOW, state, null, null, null, null, null, null, null);
    }

    static Actor actor(Party party) {
        return party == Party.SYSTEM ? Actor.SYSTEM : BOB;
    }

    /** Makes the move through the aggregate's own method for it. */
    static void perform(Job job, JobState to, Actor actor) {
        switch (to) {
            case RUNNING -> job.start(NOW);
            case SUCCEEDED -> job.succeed(NOW, "{}", 1, false);
            case FAILED -> job.fail(NOW, JobError.system("x", "y"), null);
            case CANCELLED -> job.cancel(actor, NOW, "test");
            case QUEUED -> throw new IllegalStateException("no move leads to QUEUED");
        }
    }

    @Test
    void everyTripleMatchesTheSpecification() {
        int checked = 0;
        for (JobState from : JobState.values()) {
            for (JobState to : JobState.values()) {
                Set<Party> allowed = SPEC.getOrDefault(from + ">" + to, Set.of());
                for (Party party : Party.values()) {
                    boolean expected = allowed.contains(party);
                    assertThat(JobLifecycle.MACHINE.allows(from, to, party)).as("%s -> %s by %s", from, to, party).isEqualTo(expected);
                    Job job = inState(from);
                    Optional<DomainException> refusal = job.whyNot(to, actor(party));
                    if (expected) {
                        assertThat(refusal).as("%s -> %s by %s", from, to, party).isEmpty();
                        perform(job, to, actor(party));
                        assertThat(job.state()).isEqualTo(to);
                    } else {
                        assertThat(refusal).as("%s -> %s by %s", from, to, party).get()
                                .isInstanceOf(allowed.isEmpty() ? DomainException.Conflict.class : DomainException.Forbidden.class);
                        assertThat(job.state()).isEqualTo(from);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(5 * 5 * 2);
    }

    @Test
    void onlyTheSubmittingResearcherCancels() {
        assertThat(inState(JobState.RUNNING).whyNot(JobState.CANCELLED, Actor.user("eve", Role.RESEARCHER)))
                .get().isInstanceOf(DomainException.Forbidden.class);
        assertThat(inState(JobState.RUNNING).whyNot(JobState.CANCELLED, Actor.user("bob", Role.CHECKER)))
                .get().isInstanceOf(DomainException.Forbidden.class);
        assertThat(inState(JobState.QUEUED).can(Job.Move.CANCEL, BOB)).isTrue();
        assertThat(inState(JobState.SUCCEEDED).can(Job.Move.CANCEL, BOB)).isFalse();
    }

    @Test
    void finalStatesAreFinal() {
        for (JobState s : JobState.values()) {
            boolean hasExit = JobLifecycle.MACHINE.transitions().stream().anyMatch(t -> t.from() == s);
            assertThat(hasExit).as(s.name()).isEqualTo(!s.finished());
        }
    }
}
