package org.enclave.api.release.differencing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.enclave.api.release.differencing.DifferencingFlag.Pattern;
import org.enclave.api.release.differencing.PublishedTable.PublishedCell;
import org.junit.jupiter.api.Test;

/** The differencing patterns on small hand-made tables (threshold 10 unless said). */
class DifferencingDetectorTest {

    /** A count table; {@code cells} alternate a key (dimension values, "*" for a margin) and units (= rows). */
    static PublishedTable counts(String ref, List<String> dims, Object... cells) {
        return table(ref, dims, "count", null, cells);
    }

    static PublishedTable table(String ref, List<String> dims, String statistic, String measure, Object... cells) {
        Map<String, SortedSet<String>> categories = new LinkedHashMap<>();
        dims.forEach(d -> categories.put(d, new TreeSet<>()));
        List<PublishedCell> published = new ArrayList<>();
        for (int i = 0; i < cells.length; i += 2) {
            List<String> key = new ArrayList<>();
            String[] parts = ((String) cells[i]).split(",");
            for (int d = 0; d < dims.size(); d++) {
                String c = parts[d].startsWith("~") ? parts[d].substring(1) : parts[d];
                key.add(c.equals("*") ? null : c);
                if (!c.equals("*")) {
                    categories.get(dims.get(d)).add(c);
                }
            }
            // A leading "~" marks a suppressed cell: its category counts, the cell is not published.
            if (Arrays.stream(parts).noneMatch(p -> p.startsWith("~"))) {
                long units = ((Number) cells[i + 1]).longValue();
                published.add(new PublishedCell(key, units, units));
            }
        }
        return new PublishedTable(ref, dims, statistic, measure, categories, published);
    }

    static final List<String> AGE = List.of("age");

    @Test
    void nestedPopulationsDifferingByAFewPersons() {
        PublishedTable released = counts("released", AGE, "young", 50, "old", 40, "*", 90);
        PublishedTable mine = counts("mine", AGE, "young", 47, "old", 40, "*", 87);
        List<DifferencingFlag> flags = DifferencingDetector.check(List.of(mine), List.of(released), 10);
        assertThat(flags).filteredOn(f -> f.pattern() == Pattern.NESTED_POPULATIONS)
                .extracting(DifferencingFlag::group, DifferencingFlag::units, DifferencingFlag::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("age=young", 3L, 3.0),
                        org.assertj.core.groups.Tuple.tuple("age=*", 3L, 3.0));
        assertThat(flags).allSatisfy(f -> {
            assertThat(f.left()).isEqualTo("mine");
            assertThat(f.right()).isEqualTo("released");
        });
    }

    @Test
    void theThresholdItselfIsNotAFlag() {
        PublishedTable released = counts("released", AGE, "young", 50, "*", 50);
        assertThat(DifferencingDetector.check(List.of(counts("mine", AGE, "young", 40, "*", 40)), List.of(released), 10)).isEmpty();
        assertThat(DifferencingDetector.check(List.of(counts("mine", AGE, "young", 41, "*", 41)), List.of(released), 10))
                .extracting(DifferencingFlag::units).containsOnly(9L);
        assertThat(DifferencingDetector.check(List.of(counts("same", AGE, "young", 50, "*", 50)), List.of(released), 10)).isEmpty();
    }

    @Test
    void totalsOverCategorySetsThatDifferByASmallGroup() {
        // The released total covers three bands, one of them withheld; the new total covers two.
        PublishedTable released = counts("released", AGE, "a", 50, "b", 40, "~c", 4, "*", 94);
        PublishedTable mine = counts("mine", AGE, "a", 50, "b", 40, "*", 90);
        List<DifferencingFlag> flags = DifferencingDetector.check(List.of(mine), List.of(released), 10);
        assertThat(flags).filteredOn(f -> f.pattern() == Pattern.CATEGORY_SETS)
                .singleElement().satisfies(f -> {
                    assertThat(f.group()).isEqualTo("age=*");
                    assertThat(f.units()).isEqualTo(4);
                    assertThat(f.value()).isEqualTo(4.0);
                });
    }

    @Test
    void aMarginMinusTheOtherTablesCellsLeavesASmallGroup() {
        // One table publishes only the total; another publishes the bands but withholds one (no total).
        PublishedTable totalOnly = counts("total", AGE, "*", 94);
        PublishedTable bands = counts("bands", AGE, "a", 50, "b", 40, "~c", 4);
        List<DifferencingFlag> flags = DifferencingDetector.check(List.of(bands, totalOnly), List.of(), 10);
        assertThat(flags).singleElement().satisfies(f -> {
            assertThat(f.pattern()).isEqualTo(Pattern.OVERLAPPING_MARGINS);
            assertThat(f.left()).isEqualTo("bands");
            assertThat(f.right()).isEqualTo("total");
            assertThat(f.units()).isEqualTo(4);
            assertThat(f.value()).isEqualTo(4.0);
            assertThat(f.group()).contains("age=*").contains("minus its 2 published cells by age");
        });
    }

    @Test
    void marginsOfTablesWithDifferentDimensions() {
        // By region (with totals) against by region and sex where one sex is withheld and there is no margin.
        PublishedTable byRegion = counts("by region", List.of("region"), "N", 60, "S", 70, "*", 130);
        PublishedTable byRegionSex = counts("by region and sex", List.of("region", "sex"), "N,F", 30, "N,~M", 30, "S,F", 35,
                "S,M", 32);
        List<DifferencingFlag> flags = DifferencingDetector.check(List.of(byRegionSex), List.of(byRegion), 10);
        // S: 70 - 35 - 32 = 3 persons (N's male cell is withheld, so N - F = 30 is not small).
        assertThat(flags).singleElement().satisfies(f -> {
            assertThat(f.pattern()).isEqualTo(Pattern.OVERLAPPING_MARGINS);
            assertThat(f.units()).isEqualTo(3);
            assertThat(f.group()).startsWith("region=S, sex=*");
        });
    }

    @Test
    void sameGroupAcrossDifferentDimensions() {
        PublishedTable byRegion = counts("by region", List.of("region"), "N", 60, "*", 130);
        PublishedTable byRegionSex = counts("by region and sex", List.of("region", "sex"), "N,*", 58, "*,*", 130);
        assertThat(DifferencingDetector.check(List.of(byRegionSex), List.of(byRegion), 10))
                .extracting(DifferencingFlag::group, DifferencingFlag::units)
                .contains(org.assertj.core.groups.Tuple.tuple("region=N, sex=*", 2L));
    }

    @Test
    void onlyTheSameStatisticOfTheSameMeasureIsCompared() {
        PublishedTable counts = counts("counts", AGE, "young", 50);
        PublishedTable costs = table("costs", AGE, "sum", "cost", "young", 47);
        PublishedTable stays = table("stays", AGE, "sum", "stay_days", "young", 47);
        PublishedTable maxima = table("max", AGE, "max", "cost", "young", 47);
        PublishedTable maxima2 = table("max2", AGE, "max", "cost", "young", 49);
        assertThat(DifferencingDetector.check(List.of(counts, costs, stays, maxima, maxima2), List.of(), 10)).isEmpty();
        PublishedTable costs2 = table("costs 2", AGE, "sum", "cost", "young", 50);
        assertThat(DifferencingDetector.check(List.of(costs, costs2), List.of(), 10)).hasSize(1);
    }

    @Test
    void flagsPerPairAreCapped() {
        Object[] a = new Object[60];
        Object[] b = new Object[60];
        for (int i = 0; i < 30; i++) {
            a[2 * i] = "c" + i;
            a[2 * i + 1] = 50;
            b[2 * i] = "c" + i;
            b[2 * i + 1] = 48;
        }
        assertThat(DifferencingDetector.check(List.of(counts("a", AGE, a)), List.of(counts("b", AGE, b)), 10))
                .hasSize(DifferencingDetector.MAX_FLAGS_PER_PAIR);
    }
}
