package org.enclave.policies.suppression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The additivity constraints of a table with margins, derived from the cell keys alone.
 *
 * <p>For every cell {@code c} and every dimension {@code d} in which {@code c}'s key is {@code null}
 * (a margin over {@code d}), there is one constraint {@code x[c] = sum x[k]} over the cells {@code k}
 * whose key equals {@code c}'s in every other dimension and holds a category in {@code d}. This works
 * for any number of dimensions and gives nested margins for free: in 3-D, {@code [i, null, null]} is
 * both the sum of {@code [i, j, null]} over {@code j} and of {@code [i, null, k]} over {@code k}.
 * A margin with no child present in the table yields no constraint (a missing margin is tolerated);
 * a child that is absent from the table is a structurally empty cell and simply does not appear.
 */
final class TableStructure {

    private final int cellCount;
    private final int[] marginDepth;
    private final int[] parents;
    private final int[][] children;
    private final int[][] constraintsOfCell;

    private TableStructure(int cellCount, int[] marginDepth, int[] parents, int[][] children) {
        this.cellCount = cellCount;
        this.marginDepth = marginDepth;
        this.parents = parents;
        this.children = children;
        this.constraintsOfCell = indexByCell(cellCount, parents, children);
    }

    /**
     * Derives the constraints from {@code input}'s keys.
     *
     * @throws IllegalArgumentException if there is no dimension, a key is {@code null} or has the wrong
     *                                  length, or two cells share a key (messages name cell indices only)
     */
    static TableStructure of(SuppressionInput input) {
        int dims = input.dimensions().size();
        if (dims < 1) {
            throw new IllegalArgumentException("a table needs at least one dimension");
        }
        List<List<String>> keys = input.keys();
        int n = keys.size();
        int[] depth = new int[n];
        Map<List<String>, Integer> byKey = new HashMap<>(n * 2);
        for (int c = 0; c < n; c++) {
            List<String> key = keys.get(c);
            if (key == null || key.size() != dims) {
                throw new IllegalArgumentException("cell " + c + ": key must have " + dims + " entries");
            }
            for (String part : key) {
                if (part == null) {
                    depth[c]++;
                }
            }
            if (byKey.putIfAbsent(Arrays.asList(key.toArray(new String[0])), c) != null) {
                throw new IllegalArgumentException("cell " + c + ": duplicate key (same as cell " + byKey.get(key) + ")");
            }
        }
        List<Integer> parentList = new ArrayList<>();
        List<int[]> childList = new ArrayList<>();
        for (int d = 0; d < dims; d++) {
            // Group the cells holding a category in d by their key with d blanked: that blanked key is
            // exactly the key of their margin over d.
            Map<List<String>, List<Integer>> groups = new HashMap<>();
            for (int c = 0; c < n; c++) {
                List<String> key = keys.get(c);
                if (key.get(d) != null) {
                    String[] masked = key.toArray(new String[0]);
                    masked[d] = null;
                    groups.computeIfAbsent(Arrays.asList(masked), k -> new ArrayList<>()).add(c);
                }
            }
            for (int c = 0; c < n; c++) {
                List<String> key = keys.get(c);
                if (key.get(d) == null) {
                    List<Integer> group = groups.get(Arrays.asList(key.toArray(new String[0])));
                    if (group != null && !group.isEmpty()) {
                        parentList.add(c);
                        childList.add(group.stream().mapToInt(Integer::intValue).toArray());
                    }
                }
            }
        }
        int[] parents = parentList.stream().mapToInt(Integer::intValue).toArray();
        return new TableStructure(n, depth, parents, childList.toArray(new int[0][]));
    }

    private static int[][] indexByCell(int n, int[] parents, int[][] children) {
        int[] count = new int[n];
        for (int k = 0; k < parents.length; k++) {
            count[parents[k]]++;
            for (int c : children[k]) {
                count[c]++;
            }
        }
        int[][] byCell = new int[n][];
        for (int c = 0; c < n; c++) {
            byCell[c] = new int[count[c]];
            count[c] = 0;
        }
        for (int k = 0; k < parents.length; k++) {
            byCell[parents[k]][count[parents[k]]++] = k;
            for (int c : children[k]) {
                byCell[c][count[c]++] = k;
            }
        }
        return byCell;
    }

    int cellCount() {
        return cellCount;
    }

    int constraintCount() {
        return parents.length;
    }

    /** Number of margin ({@code null}) entries in the cell's key: 0 for an interior cell. */
    int marginDepth(int cell) {
        return marginDepth[cell];
    }

    int parent(int constraint) {
        return parents[constraint];
    }

    int[] children(int constraint) {
        return children[constraint];
    }

    /** Constraints in which {@code cell} appears, as parent or child. */
    int[] constraintsOf(int cell) {
        return constraintsOfCell[cell];
    }
}
