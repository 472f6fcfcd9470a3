package org.enclave.api.release;

import java.util.UUID;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.enclave.api.support.Fixtures;
import org.enclave.api.workspace.Workspace;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reaches release states by running the real transitions. Fixture votes are cast by
 * two checkers who belong to no project, so that a test's own checkers stay free to vote.
 */
public class ReleaseFixtures {

    public static final Actor ALICE = Fixtures.actor("alice");
    static final Actor REVIEWER_1 = Actor.user("fixture-checker-1", Role.CHECKER);
    static final Actor REVIEWER_2 = Actor.user("fixture-checker-2", Role.CHECKER);

    @Autowired public FixtureAggregateOutputs jobs;
    @Autowired ReleaseService releases;
    @Autowired ReleasePublisher publisher;

    /** A DRAFT by alice in her workspace {@code w}, with output {@code t1} (a safe table). */
    public ReleaseId draft(Workspace w) {
        ReleaseId id = releases.create(ALICE, w.id(), "stays by age band, 2020-2024", "cells of fewer than 10 persons suppressed").id();
        releases.putOutput(ALICE, id, "t1", jobs.add(w, Tables.SAFE));
        return id;
    }

    public ReleaseId submitted(Workspace w) {
        ReleaseId id = draft(w);
        releases.submit(ALICE, id);
        return id;
    }

    public ReleaseId approved(Workspace w) {
        ReleaseId id = submitted(w);
        releases.vote(REVIEWER_1, id, Vote.Decision.APPROVE, "safe");
        releases.vote(REVIEWER_2, id, Vote.Decision.APPROVE, "safe");
        return id;
    }

    public ReleaseId released(Workspace w) {
        ReleaseId id = approved(w);
        publisher.release(ALICE, id);
        return id;
    }

    public UUID job(Workspace w, String table) {
        return jobs.add(w, table);
    }
}
