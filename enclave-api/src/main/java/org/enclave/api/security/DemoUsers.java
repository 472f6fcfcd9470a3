package org.enclave.api.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fixed demo users the development issuer mints tokens for: at least one per role, plus users who
 * hold two roles so separation of duties can be tried by hand ({@code stella} is steward and
 * committee: she still cannot grant).
 */
public final class DemoUsers {

    public record DemoUser(String username, Set<Role> roles) {
    }

    public static final List<DemoUser> ALL = List.of(
            new DemoUser("alice", Set.of(Role.RESEARCHER)),
            new DemoUser("bob", Set.of(Role.RESEARCHER)),
            new DemoUser("rachel", Set.of(Role.RESEARCHER)),
            new DemoUser("carol", Set.of(Role.COMMITTEE)),
            new DemoUser("dave", Set.of(Role.COMMITTEE)),
            new DemoUser("sam", Set.of(Role.STEWARD)),
            new DemoUser("stella", Set.of(Role.STEWARD, Role.COMMITTEE)),
            new DemoUser("chris", Set.of(Role.CHECKER)),
            // A second checker: a release needs two independent votes.
            new DemoUser("chloe", Set.of(Role.CHECKER)),
            new DemoUser("audrey", Set.of(Role.AUDITOR)));

    private DemoUsers() {
    }

    public static Optional<DemoUser> find(String username) {
        return ALL.stream().filter(u -> u.username().equals(username)).findFirst();
    }
}
