package org.enclave.policies.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.enclave.policies.Reason;

/**
 * Thrown by the {@code checkRelease} methods: a primary rule forbids releasing the cell. The message
 * holds the key and the reason names, never the cell's figures.
 */
public final class CellNotReleasableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> key;
    private final transient Set<Reason> reasons;

    public CellNotReleasableException(List<String> key, Set<Reason> reasons) {
        super("cell " + key + " may not be released: "
                + reasons.stream().map(Reason::id).collect(Collectors.joining(", ")));
        this.key = java.util.Collections.unmodifiableList(new ArrayList<>(key));
        this.reasons = Set.copyOf(reasons);
    }

    public List<String> key() {
        return key;
    }

    public Set<Reason> reasons() {
        return reasons;
    }
}
