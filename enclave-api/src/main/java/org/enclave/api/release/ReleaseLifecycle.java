package org.enclave.api.release;

import static org.enclave.api.release.ReleaseState.APPROVED;
import static org.enclave.api.release.ReleaseState.DRAFT;
import static org.enclave.api.release.ReleaseState.PARTIALLY_REVIEWED;
import static org.enclave.api.release.ReleaseState.REJECTED;
import static org.enclave.api.release.ReleaseState.RELEASED;
import static org.enclave.api.release.ReleaseState.RETURNED;
import static org.enclave.api.release.ReleaseState.REVIEWED;
import static org.enclave.api.release.ReleaseState.SUBMITTED;
import static org.enclave.api.release.ReleaseState.WITHDRAWN;

import org.enclave.api.platform.StateMachine;

/**
 * The release-request lifecycle as data. The author submits, withdraws and releases; each of two
 * independent checkers votes once (the first vote makes the request PARTIALLY_REVIEWED, the second
 * REVIEWED); the system then decides from the votes in the same transaction: two approvals approve,
 * any rejection rejects, otherwise it is returned to the author. {@code ReleaseLifecycleTest} walks
 * every (from, to, party) triple; the diagram in docs/api.md is {@code MACHINE.mermaid()}.
 *
 * <p>RELEASED is the author's move (after APPROVED): the policy is evaluated once more, the package
 * written and signed, and the request becomes RELEASED in one transaction (docs/releases.md).
 */
public final class ReleaseLifecycle {

    /** Who makes a move: the researcher who wrote the request, an output checker, or the system. */
    public enum Party { AUTHOR, CHECKER, SYSTEM }

    public static final StateMachine<ReleaseState, Party> MACHINE = StateMachine.<ReleaseState, Party>named("release request")
            .allow(DRAFT, SUBMITTED, Party.AUTHOR)
            .allow(RETURNED, SUBMITTED, Party.AUTHOR)
            .allow(SUBMITTED, PARTIALLY_REVIEWED, Party.CHECKER)
            .allow(PARTIALLY_REVIEWED, REVIEWED, Party.CHECKER)
            .allow(REVIEWED, APPROVED, Party.SYSTEM)
            .allow(REVIEWED, RETURNED, Party.SYSTEM)
            .allow(REVIEWED, REJECTED, Party.SYSTEM)
            .allow(APPROVED, RELEASED, Party.AUTHOR)
            .allow(DRAFT, WITHDRAWN, Party.AUTHOR)
            .allow(SUBMITTED, WITHDRAWN, Party.AUTHOR)
            .allow(PARTIALLY_REVIEWED, WITHDRAWN, Party.AUTHOR)
            .allow(RETURNED, WITHDRAWN, Party.AUTHOR)
            .allow(APPROVED, WITHDRAWN, Party.AUTHOR)
            .build();

    private ReleaseLifecycle() {
    }
}
