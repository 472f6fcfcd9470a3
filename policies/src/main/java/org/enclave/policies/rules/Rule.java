package org.enclave.policies.rules;

import java.util.Set;

import org.enclave.policies.Reason;
import org.enclave.policies.Reasons;
import org.enclave.policies.table.Cell;
import org.enclave.policies.table.CellTable;

/**
 * A primary disclosure rule: a small record of parameters, pure, answering "which reasons apply to
 * this cell?". A rule that does not apply to a kind of table (dominance on a frequency table) returns
 * no reason. Rules are combined by OR-ing their reasons: suppression wins.
 *
 * <p>Two entry points compute the same thing: {@link #evaluate(CellTable, int)} for one cell of a
 * columnar table, and {@link #evaluateAll(CellTable, int[])} for the hot path (each rule loops over
 * the arrays itself, so the JIT sees one rule per loop). The yes/no questions {@link #canRelease(Cell)}
 * and {@link #checkRelease(Cell)} are derived from {@code evaluate}, so they can never disagree.
 */
public interface Rule {

    /** Reasons that apply to {@code cell} of {@code table}, as a {@link Reasons} bit mask; 0 if none. */
    int evaluate(CellTable table, int cell);

    /** ORs the reasons of every cell into {@code masks[cell]}. */
    default void evaluateAll(CellTable table, int[] masks) {
        for (int i = 0; i < table.size(); i++) {
            masks[i] |= evaluate(table, i);
        }
    }

    /** Reasons that apply to a lone cell (its table kind inferred by {@link Cell#impliedStatistic()}). */
    default Set<Reason> evaluate(Cell cell) {
        return Reasons.toSet(evaluate(CellTable.single(cell.impliedStatistic(), cell), 0));
    }

    /** Whether this rule lets the cell be released: no suppression reason applies. */
    default boolean canRelease(Cell cell) {
        return !Reasons.suppresses(Reasons.maskOf(evaluate(cell)));
    }

    /** @throws CellNotReleasableException if a suppression reason applies */
    default void checkRelease(Cell cell) {
        int mask = Reasons.maskOf(evaluate(cell)) & Reasons.SUPPRESS_MASK;
        if (mask != 0) {
            throw new CellNotReleasableException(cell.key(), Reasons.toSet(mask));
        }
    }
}
