package org.enclave.api.release.differencing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.enclave.api.release.differencing.DifferencingFlag.Pattern;
import org.enclave.api.release.differencing.PublishedTable.PublishedCell;

/**
 * Finds pairs of published tables whose difference isolates a small group (docs/releases.md,
 * "Differencing", lists exactly what is and is not detected). Pure: no I/O, no state.
 *
 * <p>A cell is compared by the <em>group</em> it describes: the categories it fixes, by dimension
 * name, margins left out. {@code [age=10-19]} of a table by age and {@code [age=10-19, sex=null]} of a
 * table by age and sex describe the same group; so do two grand totals. Two patterns:
 * <ol>
 *   <li>the same group published in both tables with unit counts that differ by {@code 0 < d < t}:
 *       subtracting the values gives the figure of a group of {@code d} units. When the two tables'
 *       category sets differ on a dimension the group sums over, the pattern is {@code category-sets}
 *       (totals over category sets that differ by a small group), otherwise {@code nested-populations}
 *       (the same cells over populations that differ by a small group: different row filters);</li>
 *   <li>{@code overlapping-margins}: a group published in one table, minus the published cells of the
 *       other table that split it along one more dimension (over categories the first table's margin
 *       covers), leaves {@code 0 < d < t} units.</li>
 * </ol>
 * Only tables of the same statistic of the same measure are compared, and only additive ones (counts
 * and sums). Units are not additive (a person may be in two categories), so pattern 2's unit
 * difference is an estimate that can only err towards fewer flags when a person is counted twice.
 */
public final class DifferencingDetector {

    /** At most this many flags per pair of tables: enough for a checker to see the problem. */
    static final int MAX_FLAGS_PER_PAIR = 20;

    private DifferencingDetector() {
    }

    /**
     * @param request   the request's tables (checked against each other and against the ledger)
     * @param ledger    the project's released tables
     * @param threshold the policy's least number of units; a group of fewer (and more than 0) is flagged
     * @return the flags, request tables in order, then ledger pairs before in-request pairs
     */
    public static List<DifferencingFlag> check(List<PublishedTable> request, List<PublishedTable> ledger, long threshold) {
        List<DifferencingFlag> flags = new ArrayList<>();
        for (int i = 0; i < request.size(); i++) {
            PublishedTable mine = request.get(i);
            for (PublishedTable released : ledger) {
                flags.addAll(pair(mine, released, threshold));
            }
            for (int j = i + 1; j < request.size(); j++) {
                flags.addAll(pair(mine, request.get(j), threshold));
            }
        }
        return flags;
    }

    /** Both patterns over one pair, in both directions for the margin pattern. */
    static List<DifferencingFlag> pair(PublishedTable a, PublishedTable b, long threshold) {
        List<DifferencingFlag> flags = new ArrayList<>();
        if (!a.additive() || !a.comparableWith(b)) {
            return flags;
        }
        Map<SortedMap<String, String>, PublishedCell> ia = index(a);
        Map<SortedMap<String, String>, PublishedCell> ib = index(b);
        sameGroup(a, b, ia, ib, threshold, flags);
        overlappingMargins(a, b, ia, ib, threshold, a.ref(), b.ref(), flags);
        overlappingMargins(b, a, ib, ia, threshold, a.ref(), b.ref(), flags);
        return flags.size() > MAX_FLAGS_PER_PAIR ? List.copyOf(flags.subList(0, MAX_FLAGS_PER_PAIR)) : flags;
    }

    private static void sameGroup(PublishedTable a, PublishedTable b, Map<SortedMap<String, String>, PublishedCell> ia,
                                  Map<SortedMap<String, String>, PublishedCell> ib, long threshold, List<DifferencingFlag> out) {
        for (Map.Entry<SortedMap<String, String>, PublishedCell> e : ia.entrySet()) {
            PublishedCell other = ib.get(e.getKey());
            if (other == null) {
                continue;
            }
            long d = Math.abs(e.getValue().units() - other.units());
            if (d > 0 && d < threshold) {
                Pattern pattern = sameCategories(a, b, e.getKey().keySet()) ? Pattern.NESTED_POPULATIONS : Pattern.CATEGORY_SETS;
                out.add(new DifferencingFlag(a.ref(), b.ref(), pattern, describe(e.getKey(), a, b), d,
                        Math.abs(e.getValue().value() - other.value())));
            }
        }
    }

    /**
     * {@code whole}'s group G minus {@code parts}' published cells G + {d = c}, over the categories c
     * that {@code whole} covers in d (all of them when {@code whole} has no dimension d).
     */
    private static void overlappingMargins(PublishedTable whole, PublishedTable parts,
                                           Map<SortedMap<String, String>, PublishedCell> iw,
                                           Map<SortedMap<String, String>, PublishedCell> ip, long threshold,
                                           String leftRef, String rightRef, List<DifferencingFlag> out) {
        for (Map.Entry<SortedMap<String, String>, PublishedCell> e : iw.entrySet()) {
            SortedMap<String, String> group = e.getKey();
            if (!parts.dimensions().containsAll(group.keySet())) {
                continue;
            }
            for (String d : parts.dimensions()) {
                if (group.containsKey(d)) {
                    continue;
                }
                // The categories the margin sums over: those the table lists in d; all of them when it lists
                // none (a table of totals only) or has no dimension d.
                SortedSet<String> covered = whole.categories().get(d);
                if (covered != null && covered.isEmpty()) {
                    covered = null;
                }
                long units = 0;
                double value = 0;
                int found = 0;
                for (String c : parts.categories().getOrDefault(d, new TreeSet<>())) {
                    if (covered != null && !covered.contains(c)) {
                        continue;
                    }
                    SortedMap<String, String> split = new TreeMap<>(group);
                    split.put(d, c);
                    PublishedCell cell = ip.get(split);
                    if (cell != null) {
                        units += cell.units();
                        value += cell.value();
                        found++;
                    }
                }
                long rest = e.getValue().units() - units;
                if (found > 0 && rest > 0 && rest < threshold) {
                    String what = describe(group, whole, parts) + " minus its " + found + " published "
                            + (found == 1 ? "cell" : "cells") + " by " + d;
                    out.add(new DifferencingFlag(leftRef, rightRef, Pattern.OVERLAPPING_MARGINS, what, rest,
                            e.getValue().value() - value));
                }
            }
        }
    }

    /** Whether the tables hold the same categories in every dimension the group sums over. */
    private static boolean sameCategories(PublishedTable a, PublishedTable b, Set<String> fixed) {
        Set<String> summed = new TreeSet<>(a.dimensions());
        summed.addAll(b.dimensions());
        summed.removeAll(fixed);
        for (String d : summed) {
            if (!Objects.equals(a.categories().get(d), b.categories().get(d))) {
                return false;
            }
        }
        return true;
    }

    /** Published cells by the group they describe. */
    static Map<SortedMap<String, String>, PublishedCell> index(PublishedTable t) {
        Map<SortedMap<String, String>, PublishedCell> out = new HashMap<>();
        for (PublishedCell c : t.cells()) {
            out.put(group(t.dimensions(), c.key()), c);
        }
        return out;
    }

    static SortedMap<String, String> group(List<String> dimensions, List<String> key) {
        SortedMap<String, String> g = new TreeMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            if (key.get(i) != null) {
                g.put(dimensions.get(i), key.get(i));
            }
        }
        return g;
    }

    /** {@code age_band=10-19, sex=*}: every dimension of either table, {@code *} where the group sums over it. */
    private static String describe(SortedMap<String, String> group, PublishedTable a, PublishedTable b) {
        SortedSet<String> dims = new TreeSet<>(a.dimensions());
        dims.addAll(b.dimensions());
        List<String> parts = new ArrayList<>();
        for (String d : dims) {
            parts.add(d + "=" + group.getOrDefault(d, "*"));
        }
        return parts.isEmpty() ? "(everyone)" : String.join(", ", parts);
    }
}
