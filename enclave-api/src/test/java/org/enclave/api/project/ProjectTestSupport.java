package org.enclave.api.project;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.enclave.api.catalogue.DatasetId;

/** Builds projects in a given state for unit tests of other packages (no database). */
public final class ProjectTestSupport {

    private ProjectTestSupport() {
    }

    public static Project approved(String member, Instant from, Instant until) {
        return inState(ProjectState.APPROVED, member, from, until);
    }

    public static Project inState(ProjectState state, String member, Instant from, Instant until) {
        DatasetId ds = new DatasetId(UUID.randomUUID());
        java.util.SortedMap<DatasetId, java.util.SortedSet<String>> cols = new TreeMap<>(Map.of(ds, new TreeSet<>(Set.of("pid"))));
        return new Project(ProjectId.random(), "t", "p", "l", "alice", new TreeSet<>(Set.of("alice", member)),
                new Project.Window(from, until), cols, from, state, new Project.Window(from, until), cols, null, null);
    }
}
