package org.enclave.policies.suppression;

import java.util.Arrays;

/**
 * Evidence that one primary cell is protected in one direction: a table the attacker cannot rule out
 * (it satisfies additivity and non-negativity, and differs from the true table only in suppressed
 * cells) in which the primary sits at its protection level. {@code cells} are the cells that differ
 * from the true table, sorted.
 *
 * <p>IMPORTANT: the witness stays valid as long as every one of its cells stays suppressed; that is
 * what lets the cleanup pass skip all LPs for a secondary that no witness uses.
 */
record Witness(int[] cells) {

    boolean uses(int cell) {
        return Arrays.binarySearch(cells, cell) >= 0;
    }

    /** Builds the witness from an attacker LP solution over the cells of one component. */
    static Witness fromSolution(int[] componentCells, double[] solution, double[] values, double threshold) {
        int[] moved = new int[componentCells.length];
        int count = 0;
        for (int i = 0; i < componentCells.length; i++) {
            if (Math.abs(solution[i] - values[componentCells[i]]) > threshold) {
                moved[count++] = componentCells[i];
            }
        }
        int[] cells = Arrays.copyOf(moved, count);
        Arrays.sort(cells);
        return new Witness(cells);
    }
}
