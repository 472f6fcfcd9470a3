package org.enclave.policies.table;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.enclave.policies.Statistic;

/**
 * Reads a table file (docs/table-format.md) into a {@link CellTable}, then checks it with
 * {@link TableConsistency}. Unknown fields are rejected: a misspelt {@code "negative"} must not
 * silently switch a check off.
 *
 * <p>Every error is a {@link TableFormatException} naming the file and the place; no other exception
 * escapes for bad input.
 */
public final class TableReader {

    private static final Set<String> TOP_FIELDS = Set.of("dimensions", "measure", "statistic", "description", "cells");
    private static final Set<String> CELL_FIELDS = Set.of("key", "units", "rows", "total", "top", "negatives", "missing",
            "value", "determiningUnits", "dof");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TableReader() {
    }

    /** Reads and checks a table file. */
    public static CellTable read(Path file) throws TableFormatException {
        String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source);
        } catch (NoSuchFileException e) {
            throw new TableFormatException(source, "", "no such file");
        } catch (IOException e) {
            throw new TableFormatException(source, "", "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Reads and checks a table.
     *
     * @param source the name used in error messages (a file name, {@code "stdin"}...)
     */
    public static CellTable read(InputStream in, String source) throws TableFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new TableFormatException(source, where, "malformed JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new TableFormatException(source, "", "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw new TableFormatException(source, "", "empty input, expected a JSON object");
        }
        return fromTree(root, source);
    }

    private static CellTable fromTree(JsonNode root, String source) throws TableFormatException {
        Ctx ctx = new Ctx(source);
        if (!root.isObject()) {
            throw ctx.error("", "expected a JSON object at the top level");
        }
        ctx.onlyKnownFields(root, "", TOP_FIELDS);

        JsonNode dimsNode = root.get("dimensions");
        if (dimsNode == null || !dimsNode.isArray() || dimsNode.isEmpty()) {
            throw ctx.error("dimensions", "expected a non-empty array of dimension names");
        }
        List<String> dimensions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < dimsNode.size(); i++) {
            JsonNode d = dimsNode.get(i);
            if (!d.isTextual() || d.asText().isBlank()) {
                throw ctx.error("dimensions[" + i + "]", "expected a non-empty string");
            }
            if (!seen.add(d.asText())) {
                throw ctx.error("dimensions[" + i + "]", "dimension '" + d.asText() + "' appears twice");
            }
            dimensions.add(d.asText());
        }

        String measure = null;
        JsonNode m = root.get("measure");
        if (m != null && !m.isNull()) {
            if (!m.isTextual() || m.asText().isBlank()) {
                throw ctx.error("measure", "expected the measure's name (a string), or no measure for a frequency table");
            }
            measure = m.asText();
        }
        JsonNode d = root.get("description");
        if (d != null && !d.isNull() && !d.isTextual()) {
            throw ctx.error("description", "expected a string");
        }

        Statistic statistic = measure == null ? Statistic.COUNT : Statistic.SUM;
        JsonNode s = root.get("statistic");
        if (s != null && !s.isNull()) {
            statistic = s.isTextual() ? Statistic.fromId(s.asText()) : null;
            if (statistic == null) {
                throw ctx.error("statistic", "expected one of count, sum, min, max, percentile, regression");
            }
        }
        if (statistic == Statistic.COUNT && measure != null) {
            throw ctx.error("measure", "a count table has no measure (remove \"measure\" or use statistic \"sum\")");
        }
        if ((statistic == Statistic.SUM || statistic.extreme()) && measure == null) {
            throw ctx.error("measure", "a " + statistic.id() + " table needs a \"measure\"");
        }

        JsonNode cells = root.get("cells");
        if (cells == null || !cells.isArray()) {
            throw ctx.error("cells", "expected an array of cells");
        }
        CellTable.Builder builder = CellTable.builder(dimensions, measure, statistic);
        for (int i = 0; i < cells.size(); i++) {
            builder.add(readCell(ctx, cells.get(i), "cells[" + i + "]", dimensions.size(), statistic));
        }
        CellTable table = builder.build();
        TableConsistency.check(table, source);
        return table;
    }

    private static Cell readCell(Ctx ctx, JsonNode c, String at, int dims, Statistic statistic) throws TableFormatException {
        if (!c.isObject()) {
            throw ctx.error(at, "expected a JSON object");
        }
        ctx.onlyKnownFields(c, at + ".", CELL_FIELDS);
        JsonNode keyNode = c.get("key");
        if (keyNode == null || !keyNode.isArray()) {
            throw ctx.error(at + ".key", "expected an array of " + dims + " entries (strings, or null for a margin)");
        }
        if (keyNode.size() != dims) {
            throw ctx.error(at + ".key", "expected " + dims + (dims == 1 ? " entry" : " entries") + ", found " + keyNode.size());
        }
        List<String> key = new ArrayList<>(dims);
        for (int j = 0; j < dims; j++) {
            JsonNode k = keyNode.get(j);
            if (k.isNull()) {
                key.add(null);
            } else if (k.isTextual()) {
                key.add(k.asText());
            } else {
                throw ctx.error(at + ".key[" + j + "]", "expected a string, or null for a margin");
            }
        }
        long units = ctx.count(c, at, "units", true, 0);
        long rows = ctx.count(c, at, "rows", true, 0);
        long negatives = ctx.count(c, at, "negatives", false, 0);
        long missing = ctx.count(c, at, "missing", false, 0);

        Double total = null;
        double[] top = null;
        if (statistic == Statistic.SUM) {
            total = ctx.number(c, at, "total", true);
            JsonNode t = c.get("top");
            if (t == null || t.isNull()) {
                top = new double[0];
            } else {
                if (!t.isArray()) {
                    throw ctx.error(at + ".top", "expected an array of the largest contributions");
                }
                if (t.size() > CellTable.MAX_TOP) {
                    throw ctx.error(at + ".top", "at most " + CellTable.MAX_TOP + " largest contributions, found " + t.size());
                }
                top = new double[t.size()];
                for (int r = 0; r < t.size(); r++) {
                    JsonNode x = t.get(r);
                    if (!x.isNumber() || !Double.isFinite(x.asDouble())) {
                        throw ctx.error(at + ".top[" + r + "]", "expected a finite number");
                    }
                    top[r] = x.asDouble();
                    if (top[r] < 0 && negatives == 0) {
                        throw ctx.error(at + ".top[" + r + "]", "negative contribution but \"negatives\" is 0");
                    }
                }
            }
        } else {
            ctx.forbid(c, at, "total", statistic);
            ctx.forbid(c, at, "top", statistic);
        }
        Double value = null;
        Long determining = null;
        if (statistic.extreme()) {
            value = ctx.number(c, at, "value", true);
            determining = ctx.count(c, at, "determiningUnits", true, 0);
        } else {
            ctx.forbid(c, at, "value", statistic);
            ctx.forbid(c, at, "determiningUnits", statistic);
        }
        Long dof = null;
        if (statistic == Statistic.REGRESSION) {
            dof = ctx.count(c, at, "dof", true, 0);
        } else {
            ctx.forbid(c, at, "dof", statistic);
        }
        return new Cell(key, units, rows, total, top, negatives, missing, value, determining, dof);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /** Error helpers bound to one source. */
    private record Ctx(String source) {

        TableFormatException error(String place, String problem) {
            return new TableFormatException(source, place, problem);
        }

        void onlyKnownFields(JsonNode node, String prefix, Set<String> known) throws TableFormatException {
            Iterator<String> it = node.fieldNames();
            while (it.hasNext()) {
                String name = it.next();
                if (!known.contains(name)) {
                    throw error(prefix + name, "unknown field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
                }
            }
        }

        long count(JsonNode cell, String at, String field, boolean required, long dflt) throws TableFormatException {
            JsonNode n = cell.get(field);
            if (n == null || n.isNull()) {
                if (required) {
                    throw error(at + "." + field, "missing (a whole number >= 0 is required)");
                }
                return dflt;
            }
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw error(at + "." + field, "expected a whole number");
            }
            long v = n.asLong();
            if (v < 0) {
                throw error(at + "." + field, "must not be negative");
            }
            return v;
        }

        Double number(JsonNode cell, String at, String field, boolean required) throws TableFormatException {
            JsonNode n = cell.get(field);
            if (n == null || n.isNull()) {
                if (required) {
                    throw error(at + "." + field, "missing (a number is required)");
                }
                return null;
            }
            if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
                throw error(at + "." + field, "expected a finite number");
            }
            return n.asDouble();
        }

        void forbid(JsonNode cell, String at, String field, Statistic statistic) throws TableFormatException {
            if (cell.has(field)) {
                throw error(at + "." + field, "not allowed in a " + statistic.id() + " table");
            }
        }
    }
}
