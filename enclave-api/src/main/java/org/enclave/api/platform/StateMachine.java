package org.enclave.api.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A lifecycle held as data: the allowed transitions and, for each, the parties who
 * may make it. Aggregates ask it first whether the move exists ({@link #checkMove}, a 409 otherwise),
 * then whether the party may make it ({@link #checkParty}, a 403 otherwise). The docs' diagram is
 * generated from the same table ({@link #mermaid}).
 *
 * @param <S> the states
 * @param <P> the parties (author, committee, system, ...)
 */
public final class StateMachine<S extends Enum<S>, P extends Enum<P>> {

    /** One allowed move and who may make it. */
    public record Transition<S extends Enum<S>, P extends Enum<P>>(S from, S to, Set<P> parties) {
    }

    private final String name;
    private final List<Transition<S, P>> transitions;

    private StateMachine(String name, List<Transition<S, P>> transitions) {
        this.name = name;
        this.transitions = List.copyOf(transitions);
    }

    public static <S extends Enum<S>, P extends Enum<P>> Builder<S, P> named(String name) {
        return new Builder<>(name);
    }

    public List<Transition<S, P>> transitions() {
        return transitions;
    }

    public boolean hasMove(S from, S to) {
        return transitions.stream().anyMatch(t -> t.from() == from && t.to() == to);
    }

    public boolean allows(S from, S to, P party) {
        return transitions.stream().anyMatch(t -> t.from() == from && t.to() == to && t.parties().contains(party));
    }

    /** Parties allowed to move from {@code from} to {@code to}; empty when the move does not exist. */
    public Set<P> partiesFor(S from, S to) {
        return transitions.stream().filter(t -> t.from() == from && t.to() == to)
                .findFirst().map(Transition::parties).orElse(Collections.emptySet());
    }

    /** @throws DomainException.Conflict when the lifecycle has no such move */
    public void checkMove(S from, S to) {
        if (!hasMove(from, to)) {
            throw new DomainException.Conflict(name + " is " + from + ": it cannot become " + to);
        }
    }

    /** @throws DomainException.Forbidden when {@code party} may not make the (existing) move */
    public void checkParty(S from, S to, P party) {
        if (!allows(from, to, party)) {
            throw new DomainException.Forbidden("only " + partiesFor(from, to) + " may move a " + name
                    + " from " + from + " to " + to);
        }
    }

    /** A Mermaid state diagram of the table, labelled with the parties; pasted into docs/api.md. */
    public String mermaid() {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n");
        for (Transition<S, P> t : transitions) {
            List<String> parties = new ArrayList<>();
            t.parties().forEach(p -> parties.add(p.name().toLowerCase()));
            Collections.sort(parties);
            out.append("    ").append(t.from()).append(" --> ").append(t.to())
                    .append(" : ").append(String.join(", ", parties)).append('\n');
        }
        return out.toString();
    }

    /** Builds the table; transitions keep their declaration order (which the diagram shows). */
    public static final class Builder<S extends Enum<S>, P extends Enum<P>> {
        private final String name;
        private final List<Transition<S, P>> transitions = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        @SafeVarargs
        @SuppressWarnings("varargs") // the array is only read, into a fresh EnumSet
        public final Builder<S, P> allow(S from, S to, P first, P... more) {
            EnumSet<P> parties = EnumSet.of(first);
            Collections.addAll(parties, more);
            transitions.add(new Transition<>(from, to, Collections.unmodifiableSet(parties)));
            return this;
        }

        public StateMachine<S, P> build() {
            return new StateMachine<>(name, transitions);
        }
    }
}
