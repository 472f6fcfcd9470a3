package org.enclave.policies.suppression;

/** Mutable counters of the linear programmes solved by one protect or audit call. Not thread-safe. */
final class LpStatistics {

    int attackerLps;
    int protectionLps;
    int solverFailures;
    int trivialBounds;
}
