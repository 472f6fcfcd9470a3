package org.enclave.policies.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.enclave.policies.Statistic;
import org.junit.jupiter.api.Test;

class TableReaderTest {

    static CellTable read(String json) throws TableFormatException {
        return TableReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "table.json");
    }

    static String error(String json) {
        try {
            read(json);
        } catch (TableFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a format error");
    }

    /** A 1 x 2 magnitude table with its margin; {@code patch} replaces the margin cell. */
    private static String sum(String margin) {
        return """
                {"dimensions": ["region", "sex"], "measure": "cost",
                 "cells": [
                  {"key": ["North", "F"], "units": 12, "rows": 30, "total": 5400.0, "top": [2000.0, 800.0]},
                  {"key": ["North", "M"], "units": 15, "rows": 20, "total": 4600.0, "top": [900.0, 800.0]},
                  %s
                 ]}""".formatted(margin);
    }

    private static final String GOOD_MARGIN = "{\"key\": [\"North\", null], \"units\": 27, \"rows\": 50, \"total\": 10000.0, \"top\": [2000.0, 900.0]}";

    @Test
    void readsTheDocumentedShape() throws Exception {
        CellTable t = read(sum(GOOD_MARGIN));
        assertThat(t.statistic()).isEqualTo(Statistic.SUM);
        assertThat(t.measure()).isEqualTo("cost");
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.hasMargins()).isTrue();
        assertThat(t.key(2)).containsExactly("North", null);
        assertThat(t.topAbs(0, 1)).isEqualTo(800.0);
        assertThat(t.topAbs(0, 2)).isEqualTo(0.0);
    }

    @Test
    void frequencyTableWhenNoMeasure() throws Exception {
        CellTable t = read("{\"dimensions\": [\"age\"], \"cells\": [{\"key\": [\"0-17\"], \"units\": 4, \"rows\": 4}]}");
        assertThat(t.statistic()).isEqualTo(Statistic.COUNT);
        assertThat(t.publishedValue(0)).isEqualTo(4.0);
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertThat(error("{\"dimensions\": [\"a\"],\n  \"cells\": [ {\"key\": [\"x\"] \"units\": 3} ]}"))
                .startsWith("table.json: line 2, column ").contains("malformed JSON");
        assertThat(error("")).isEqualTo("table.json: empty input, expected a JSON object");
        assertThat(error("{\"dimensions\": [\"a\"], \"cells\": []} trailing")).startsWith("table.json: line 1");
    }

    @Test
    void keyOfTheWrongLength() {
        assertThat(error(sum("{\"key\": [\"North\", null, \"x\"], \"units\": 27, \"rows\": 50, \"total\": 10000.0}")))
                .isEqualTo("table.json: cells[2].key: expected 2 entries, found 3");
    }

    @Test
    void negativeCounts() {
        assertThat(error(sum("{\"key\": [\"North\", null], \"units\": -1, \"rows\": 50, \"total\": 10000.0}")))
                .isEqualTo("table.json: cells[2].units: must not be negative");
        assertThat(error(sum("{\"key\": [\"North\", null], \"units\": 27, \"rows\": -50, \"total\": 10000.0}")))
                .isEqualTo("table.json: cells[2].rows: must not be negative");
        assertThat(error(sum("{\"key\": [\"North\", null], \"units\": 2.5, \"rows\": 50, \"total\": 10000.0}")))
                .isEqualTo("table.json: cells[2].units: expected a whole number");
    }

    @Test
    void marginTotalThatDisagreesWithItsCells() {
        assertThat(error(sum("{\"key\": [\"North\", null], \"units\": 27, \"rows\": 50, \"total\": 10001.0, \"top\": [2000.0, 900.0]}")))
                .isEqualTo("table.json: cells[2] (key [North, null]).total: differs from the sum of its 2 cells over 'sex'");
        assertThat(error(sum("{\"key\": [\"North\", null], \"units\": 27, \"rows\": 49, \"total\": 10000.0, \"top\": [2000.0, 900.0]}")))
                .isEqualTo("table.json: cells[2] (key [North, null]).rows: differs from the sum of its 2 cells over 'sex'");
    }

    @Test
    void marginTotalWithinToleranceIsAccepted() throws Exception {
        read(sum("{\"key\": [\"North\", null], \"units\": 27, \"rows\": 50, \"total\": 10000.000000001, \"top\": [2000.0, 900.0]}"));
    }

    @Test
    void marginUnitsMustLieBetweenLargestChildAndSum() {
        assertThat(error(sum("{\"key\": [\"North\", null], \"units\": 28, \"rows\": 50, \"total\": 10000.0, \"top\": [2000.0, 900.0]}")))
                .isEqualTo("table.json: cells[2] (key [North, null]).units: must lie between the largest and the sum of the units of its 2 cells over 'sex'");
        assertThat(error(sum("{\"key\": [\"North\", null], \"units\": 14, \"rows\": 50, \"total\": 10000.0, \"top\": [2000.0, 900.0]}")))
                .contains(".units: must lie between");
    }

    @Test
    void topNotSortedOrTooLong() {
        assertThat(error(sum("{\"key\": [\"North\", null], \"units\": 27, \"rows\": 50, \"total\": 10000.0, \"top\": [900.0, 2000.0]}")))
                .isEqualTo("table.json: cells[2] (key [North, null]).top: not sorted by absolute value, largest first");
        assertThat(error("{\"dimensions\": [\"a\"], \"measure\": \"m\", \"cells\": [{\"key\": [\"x\"], \"units\": 2, \"rows\": 2, \"total\": 6, \"top\": [3, 2, 1]}]}"))
                .isEqualTo("table.json: cells[0] (key [x]).top: more contributions listed than units");
        assertThat(error("{\"dimensions\": [\"a\"], \"measure\": \"m\", \"cells\": [{\"key\": [\"x\"], \"units\": 20, \"rows\": 20, \"total\": 66, \"top\": [6,6,6,6,6,6,6,6,6,6,6]}]}"))
                .isEqualTo("table.json: cells[0].top: at most 10 largest contributions, found 11");
    }

    @Test
    void contributionsMustFitTheTotal() {
        assertThat(error("{\"dimensions\": [\"a\"], \"measure\": \"m\", \"cells\": [{\"key\": [\"x\"], \"units\": 3, \"rows\": 3, \"total\": 6, \"top\": [5, 4]}]}"))
                .isEqualTo("table.json: cells[0] (key [x]).top: largest contributions add up to more than the total");
        assertThat(error("{\"dimensions\": [\"a\"], \"measure\": \"m\", \"cells\": [{\"key\": [\"x\"], \"units\": 2, \"rows\": 2, \"total\": 10, \"top\": [5, 4]}]}"))
                .isEqualTo("table.json: cells[0] (key [x]).top: every unit is listed but the contributions do not add up to the total");
        assertThat(error("{\"dimensions\": [\"a\"], \"measure\": \"m\", \"cells\": [{\"key\": [\"x\"], \"units\": 3, \"rows\": 3, \"total\": 10, \"top\": [5, -4]}]}"))
                .isEqualTo("table.json: cells[0].top[1]: negative contribution but \"negatives\" is 0");
    }

    @Test
    void unknownFieldsAreRejected() {
        assertThat(error("{\"dimensions\": [\"a\"], \"cells\": [{\"key\": [\"x\"], \"units\": 3, \"rows\": 3, \"negative\": 1}]}"))
                .startsWith("table.json: cells[0].negative: unknown field (known: ");
        assertThat(error("{\"dimensions\": [\"a\"], \"cels\": []}")).startsWith("table.json: cels: unknown field");
    }

    @Test
    void structuralErrors() {
        assertThat(error("[]")).isEqualTo("table.json: expected a JSON object at the top level");
        assertThat(error("{\"dimensions\": [], \"cells\": []}")).isEqualTo("table.json: dimensions: expected a non-empty array of dimension names");
        assertThat(error("{\"dimensions\": [\"a\", \"a\"], \"cells\": []}")).isEqualTo("table.json: dimensions[1]: dimension 'a' appears twice");
        assertThat(error("{\"dimensions\": [\"a\"], \"cells\": [{\"key\": [\"x\"], \"units\": 3, \"rows\": 3}, {\"key\": [\"x\"], \"units\": 4, \"rows\": 4}]}"))
                .isEqualTo("table.json: cells[1] (key [x]): same key as cells[0]");
        assertThat(error("{\"dimensions\": [\"a\"], \"cells\": [{\"key\": [\"x\"], \"units\": 3, \"rows\": 2}]}"))
                .isEqualTo("table.json: cells[0] (key [x]).rows: fewer rows than units (each unit has at least one row)");
        assertThat(error("{\"dimensions\": [\"a\"], \"measure\": \"m\", \"cells\": [{\"key\": [\"x\"], \"units\": 3, \"rows\": 3}]}"))
                .isEqualTo("table.json: cells[0].total: missing (a number is required)");
        assertThat(error("{\"dimensions\": [\"a\"], \"cells\": [{\"key\": [\"x\"], \"units\": 3, \"rows\": 3, \"total\": 5}]}"))
                .isEqualTo("table.json: cells[0].total: not allowed in a count table");
        assertThat(error("{\"dimensions\": [\"a\"], \"statistic\": \"mean\", \"measure\": \"m\", \"cells\": []}"))
                .isEqualTo("table.json: statistic: expected one of count, sum, min, max, percentile, regression");
        assertThat(error("{\"dimensions\": [\"a\"], \"cells\": [{\"key\": [null], \"units\": 3, \"rows\": 3}]}"))
                .isEqualTo("table.json: cells[0] (key [null]): margin over 'a' has no cells over 'a' in the table but is not empty");
    }

    @Test
    void messagesNeverHoldCellFigures() {
        String msg = error(sum("{\"key\": [\"North\", null], \"units\": 27, \"rows\": 50, \"total\": 12345.0, \"top\": [2000.0, 900.0]}"));
        assertThat(msg).doesNotContain("12345").doesNotContain("10000");
    }
}
