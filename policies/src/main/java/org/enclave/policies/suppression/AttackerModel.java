package org.enclave.policies.suppression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The attacker's linear system for one suppression pattern: unknowns are the suppressed cells,
 * published cells are substituted by their values, constraints left without an unknown are dropped,
 * and the rest is split into connected components (two unknowns are connected when they share a
 * constraint). Each bound of a cell is one LP over its component only.
 *
 * <p>The attacker knows the published cells, the additivity constraints and, if declared,
 * {@code x >= 0}; no upper bounds: with non-negativity and published margins, every cell is already
 * bounded by the constraints themselves, and an external a-priori bound would be a guess about what
 * the attacker does not know.
 *
 * <p>Structure reuse: the substituted constraint rows of each component are computed once; each LP
 * builds a fresh ojAlgo {@link ExpressionsBasedModel} from them. Re-solving one model with a new
 * objective is not safe: its presolve writes fixings and bounds back into the model's variables (an
 * unconstrained variable fixed at 0 stays fixed when it later becomes the objective), and building a
 * component model from the cached rows costs far less than the solve.
 */
final class AttackerModel {

    /** One bound of one cell; {@code solution} holds the scaled-back values of the component's cells. */
    record Extreme(boolean solved, double bound, int[] cells, double[] solution) {
    }

    private record Row(int[] locals, double[] coefficients, double rhs) {
    }

    private record Component(int[] cells, List<Row> rows) {
    }

    private final double[] values;
    private final boolean nonNegative;
    private final double scale;
    private final LpStatistics statistics;
    private final int[] componentOf;
    private final int[] localIndex;
    private final List<Component> components = new ArrayList<>();
    private final boolean[] fixed;

    AttackerModel(TableStructure structure, double[] values, boolean[] suppressed, boolean nonNegative,
                  Tolerance tolerance, LpStatistics statistics) {
        this.values = values;
        this.nonNegative = nonNegative;
        this.scale = tolerance.scale();
        this.statistics = statistics;
        int n = structure.cellCount();
        this.componentOf = new int[n];
        this.localIndex = new int[n];
        this.fixed = new boolean[n];
        Arrays.fill(componentOf, -1);
        buildComponents(structure, suppressed);
    }

    private void buildComponents(TableStructure structure, boolean[] suppressed) {
        int n = structure.cellCount();
        int[] root = new int[n];
        for (int c = 0; c < n; c++) {
            root[c] = c;
        }
        for (int k = 0; k < structure.constraintCount(); k++) {
            int first = -1;
            for (int c : cellsOf(structure, k)) {
                if (suppressed[c]) {
                    if (first < 0) {
                        first = c;
                    } else {
                        union(root, first, c);
                    }
                }
            }
        }
        List<List<Integer>> members = new ArrayList<>();
        int[] idOfRoot = new int[n];
        Arrays.fill(idOfRoot, -1);
        for (int c = 0; c < n; c++) {
            if (suppressed[c]) {
                int r = find(root, c);
                if (idOfRoot[r] < 0) {
                    idOfRoot[r] = members.size();
                    members.add(new ArrayList<>());
                }
                componentOf[c] = idOfRoot[r];
                localIndex[c] = members.get(idOfRoot[r]).size();
                members.get(idOfRoot[r]).add(c);
            }
        }
        List<List<Row>> rows = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            rows.add(new ArrayList<>());
        }
        for (int k = 0; k < structure.constraintCount(); k++) {
            int[] cells = cellsOf(structure, k);
            int unknowns = 0;
            int component = -1;
            for (int c : cells) {
                if (suppressed[c]) {
                    unknowns++;
                    component = componentOf[c];
                }
            }
            if (unknowns == 0) {
                continue; // fully published: holds for the true table, tells the attacker nothing
            }
            int[] locals = new int[unknowns];
            double[] coefficients = new double[unknowns];
            double rhs = 0;
            int u = 0;
            for (int i = 0; i < cells.length; i++) {
                double coefficient = i == 0 ? 1.0 : -1.0; // x[parent] - sum x[children] = 0
                int c = cells[i];
                if (suppressed[c]) {
                    locals[u] = localIndex[c];
                    coefficients[u++] = coefficient;
                } else {
                    rhs -= coefficient * values[c] / scale;
                }
            }
            rows.get(component).add(new Row(locals, coefficients, rhs));
        }
        for (int i = 0; i < members.size(); i++) {
            components.add(new Component(members.get(i).stream().mapToInt(Integer::intValue).toArray(), rows.get(i)));
        }
    }

    private static int[] cellsOf(TableStructure structure, int k) {
        int[] children = structure.children(k);
        int[] cells = new int[children.length + 1];
        cells[0] = structure.parent(k);
        System.arraycopy(children, 0, cells, 1, children.length);
        return cells;
    }

    private static int find(int[] root, int c) {
        while (root[c] != c) {
            root[c] = root[root[c]];
            c = root[c];
        }
        return c;
    }

    private static void union(int[] root, int a, int b) {
        int ra = find(root, a);
        int rb = find(root, b);
        if (ra != rb) {
            root[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /** Treats a suppressed cell as published (fixed at its value) in later LPs, or undoes that. */
    void setFixed(int cell, boolean isFixed) {
        fixed[cell] = isFixed;
    }

    /**
     * Smallest or largest feasible value of {@code cell}.
     *
     * @param cap if finite, an extra bound {@code x[cell] <= cap} (maximising) or {@code >= cap}
     *            (minimising): the LP then stops at the level to prove and always returns a solution
     * @return the bound (infinite if unbounded) and the optimal solution; {@code solved == false} if the
     *         solver failed, in which case callers must assume the worst (the cell is disclosed)
     */
    Extreme extreme(int cell, boolean maximise, double cap) {
        int id = componentOf[cell];
        if (id < 0) {
            throw new IllegalArgumentException("cell " + cell + " is not suppressed");
        }
        Component component = components.get(id);
        if (component.rows().isEmpty() && !Double.isFinite(cap)) {
            statistics.trivialBounds++;
            double bound = maximise ? Double.POSITIVE_INFINITY : (nonNegative ? 0.0 : Double.NEGATIVE_INFINITY);
            return new Extreme(true, bound, component.cells(), null);
        }
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        int[] cells = component.cells();
        Variable[] x = new Variable[cells.length];
        for (int i = 0; i < cells.length; i++) {
            Variable v = model.addVariable("x" + cells[i]);
            if (fixed[cells[i]]) {
                v.level(values[cells[i]] / scale);
            } else if (nonNegative) {
                v.lower(0);
            }
            x[i] = v;
        }
        Variable target = x[localIndex[cell]];
        if (Double.isFinite(cap)) {
            if (maximise) {
                target.upper(cap / scale);
            } else {
                target.lower(cap / scale);
            }
        }
        for (Row row : component.rows()) {
            Expression e = model.addExpression();
            for (int i = 0; i < row.locals().length; i++) {
                e.set(x[row.locals()[i]], row.coefficients()[i]);
            }
            e.level(row.rhs());
        }
        target.weight(1);
        statistics.attackerLps++;
        Optimisation.Result result = maximise ? model.maximise() : model.minimise();
        Optimisation.State state = result.getState();
        if (state == Optimisation.State.UNBOUNDED) {
            return new Extreme(true, maximise ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, cells, null);
        }
        if (!state.isOptimal()) {
            statistics.solverFailures++;
            return new Extreme(false, values[cell], cells, null);
        }
        double[] solution = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            solution[i] = result.doubleValue(i) * scale;
        }
        return new Extreme(true, solution[localIndex[cell]], cells, solution);
    }
}
