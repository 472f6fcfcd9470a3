package org.enclave.policies.suppression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Builds n-dimensional tables with every margin (categories "0".."k-1" per dimension, {@code null}
 * for the total), cells in lexicographic order with the total last in each dimension.
 */
final class TableFixture {

    final int[] sizes;
    final List<List<String>> keys = new ArrayList<>();
    final double[] values;
    final boolean[] primary;
    final double[] upper;
    final double[] lower;
    private final Map<List<String>, Integer> index = new HashMap<>();

    private TableFixture(int[] sizes, ToDoubleFunction<int[]> interior) {
        this.sizes = sizes.clone();
        enumerate(new int[sizes.length], 0);
        int n = keys.size();
        values = new double[n];
        primary = new boolean[n];
        upper = new double[n];
        lower = new double[n];
        for (int c = 0; c < n; c++) {
            index.put(keys.get(c), c);
        }
        for (int c = 0; c < n; c++) {
            List<String> key = keys.get(c);
            if (key.contains(null)) {
                continue;
            }
            int[] coords = key.stream().mapToInt(Integer::parseInt).toArray();
            double v = interior.applyAsDouble(coords);
            // add v to this cell and every margin above it
            for (int mask = 0; mask < (1 << sizes.length); mask++) {
                String[] k = key.toArray(new String[0]);
                for (int d = 0; d < sizes.length; d++) {
                    if ((mask & (1 << d)) != 0) {
                        k[d] = null;
                    }
                }
                values[index.get(Arrays.asList(k))] += v;
            }
        }
    }

    private void enumerate(int[] coords, int d) {
        if (d == sizes.length) {
            String[] key = new String[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                key[i] = coords[i] == sizes[i] ? null : Integer.toString(coords[i]);
            }
            keys.add(Arrays.asList(key));
            return;
        }
        for (int i = 0; i <= sizes[d]; i++) {
            coords[d] = i;
            enumerate(coords, d + 1);
        }
    }

    static TableFixture of(int[] sizes, ToDoubleFunction<int[]> interior) {
        return new TableFixture(sizes, interior);
    }

    static TableFixture grid(double[][] interior) {
        return of(new int[] {interior.length, interior[0].length}, c -> interior[c[0]][c[1]]);
    }

    static TableFixture line(double... interior) {
        return of(new int[] {interior.length}, c -> interior[c[0]]);
    }

    /** Cell index from coordinates; {@code null} stands for the total of that dimension. */
    int cell(Integer... coords) {
        String[] key = new String[coords.length];
        for (int i = 0; i < coords.length; i++) {
            key[i] = coords[i] == null ? null : Integer.toString(coords[i]);
        }
        Integer c = index.get(Arrays.asList(key));
        if (c == null) {
            throw new IllegalArgumentException("no cell " + Arrays.toString(coords));
        }
        return c;
    }

    TableFixture primary(int cell, double upperLevel, double lowerLevel) {
        primary[cell] = true;
        upper[cell] = upperLevel;
        lower[cell] = lowerLevel;
        return this;
    }

    SuppressionInput input(boolean nonNegative) {
        List<String> dims = new ArrayList<>();
        for (int d = 0; d < sizes.length; d++) {
            dims.add("d" + d);
        }
        return new SuppressionInput(dims, keys, values.clone(), primary.clone(), upper.clone(), lower.clone(), nonNegative);
    }

    SuppressionInput input() {
        return input(true);
    }

    boolean[] pattern(int... cells) {
        boolean[] s = primary.clone();
        for (int c : cells) {
            s[c] = true;
        }
        return s;
    }

    static CellInterval intervalOf(List<CellInterval> intervals, int cell) {
        return intervals.stream().filter(i -> i.cell() == cell).findFirst()
                .orElseThrow(() -> new AssertionError("no interval for cell " + cell));
    }
}
