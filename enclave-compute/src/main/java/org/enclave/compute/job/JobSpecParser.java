package org.enclave.compute.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a job spec and checks every field, reporting the first problem by its JSON path. Unknown
 * fields are refused (a misspelt limit must not silently become the default), and so is any field
 * that looks like key material.
 */
public final class JobSpecParser {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Set<String> TOP = Set.of("specVersion", "tables", "sql", "output", "policy", "limits", "outputDir");
    private static final Set<String> TABLE = Set.of("name", "path", "columns");
    private static final Set<String> OUTPUT = Set.of("kind", "unit", "groupBy", "measures", "margins");
    private static final Set<String> MEASURE = Set.of("fn", "column");
    private static final Set<String> LIMITS = Set.of("seconds", "maxRows");

    private JobSpecParser() {
    }

    /**
     * @param json the spec; not {@code null}
     * @return the checked spec; never {@code null}
     * @throws SpecInvalid naming the first offending field
     */
    public static JobSpec parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's location is enough; its message may quote the input, which is the caller's own spec.
            throw new SpecInvalid("$", "not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new SpecInvalid("$", "must be a JSON object");
        }
        fields(root, "$", TOP);
        int version = integer(root, "specVersion", "specVersion", 1, Integer.MAX_VALUE);
        if (version != JobSpec.VERSION) {
            throw new SpecInvalid("specVersion", "unsupported version " + version + "; this build reads " + JobSpec.VERSION);
        }
        List<TableSpec> tables = tables(require(root, "tables", "tables"));
        String sql = text(root, "sql", "sql");
        OutputSpec output = output(require(root, "output", "output"));
        String policy = text(root, "policy", "policy");
        if (!IDENTIFIER.matcher(policy).matches()) {
            throw new SpecInvalid("policy", "must be a policy name ([A-Za-z][A-Za-z0-9_]*)");
        }
        Limits limits = limits(root.get("limits"));
        String outputDir = text(root, "outputDir", "outputDir");
        return new JobSpec(version, tables, sql, output, policy, limits, outputDir);
    }

    private static List<TableSpec> tables(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw new SpecInvalid("tables", "must be a non-empty array");
        }
        List<TableSpec> tables = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "tables[" + i + "]";
            JsonNode table = node.get(i);
            if (!table.isObject()) {
                throw new SpecInvalid(at, "must be an object");
            }
            fields(table, at, TABLE);
            String name = identifier(table, "name", at + ".name");
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new SpecInvalid(at + ".name", "duplicate table name " + name);
            }
            if (name.equalsIgnoreCase(TableSpec.CSNS) || name.equalsIgnoreCase(TableSpec.PID)) {
                throw new SpecInvalid(at + ".name", "reserved name " + name);
            }
            String path = text(table, "path", at + ".path");
            List<String> columns = identifiers(require(table, "columns", at + ".columns"), at + ".columns", false);
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).equals(TableSpec.PID)) {
                    throw new SpecInvalid(at + ".columns[" + c + "]",
                            "pid is computed by the enclave from csns and cannot be a stored column");
                }
            }
            tables.add(new TableSpec(name.toLowerCase(Locale.ROOT), path, columns));
        }
        return tables;
    }

    private static OutputSpec output(JsonNode node) {
        if (!node.isObject()) {
            throw new SpecInvalid("output", "must be an object");
        }
        fields(node, "output", OUTPUT);
        String kindText = text(node, "kind", "output.kind");
        OutputSpec.Kind kind = switch (kindText) {
            case "rows" -> OutputSpec.Kind.ROWS;
            case "aggregate" -> OutputSpec.Kind.AGGREGATE;
            default -> throw new SpecInvalid("output.kind", "must be \"rows\" or \"aggregate\"");
        };
        if (kind == OutputSpec.Kind.ROWS) {
            for (String field : List.of("unit", "groupBy", "measures", "margins")) {
                if (node.has(field)) {
                    throw new SpecInvalid("output." + field, "only for kind \"aggregate\"");
                }
            }
            return new OutputSpec(kind, null, List.of(), List.of(), false);
        }
        String unit = identifier(node, "unit", "output.unit");
        List<String> groupBy = node.has("groupBy") ? identifiers(node.get("groupBy"), "output.groupBy", true) : List.of();
        if (groupBy.contains(unit)) {
            throw new SpecInvalid("output.groupBy", "cannot contain the unit column " + unit);
        }
        JsonNode measuresNode = require(node, "measures", "output.measures");
        if (!measuresNode.isArray() || measuresNode.isEmpty()) {
            throw new SpecInvalid("output.measures", "must be a non-empty array");
        }
        List<MeasureSpec> measures = new ArrayList<>();
        Set<String> outputNames = new HashSet<>();
        String magnitude = null;
        for (int i = 0; i < measuresNode.size(); i++) {
            MeasureSpec measure = measure(measuresNode.get(i), "output.measures[" + i + "]");
            if (measure.column() != null) {
                if (magnitude != null && !magnitude.equals(measure.column())) {
                    throw new SpecInvalid("output.measures[" + i + "].column",
                            "all sum/mean measures of one table must use the same column (" + magnitude + ")");
                }
                if (measure.column().equals(unit) || groupBy.contains(measure.column())) {
                    throw new SpecInvalid("output.measures[" + i + "].column", "cannot be the unit or a group-by column");
                }
                magnitude = measure.column();
            }
            if (!outputNames.add(measure.outputName())) {
                throw new SpecInvalid("output.measures[" + i + "]", "duplicate measure " + measure.outputName());
            }
            measures.add(measure);
        }
        JsonNode margins = node.get("margins");
        if (margins != null && !margins.isBoolean()) {
            throw new SpecInvalid("output.margins", "must be true or false");
        }
        return new OutputSpec(kind, unit, groupBy, measures, margins != null && margins.booleanValue());
    }

    private static MeasureSpec measure(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new SpecInvalid(at, "must be an object");
        }
        fields(node, at, MEASURE);
        String fnText = text(node, "fn", at + ".fn");
        MeasureSpec.Fn fn = switch (fnText) {
            case "count" -> MeasureSpec.Fn.COUNT;
            case "sum" -> MeasureSpec.Fn.SUM;
            case "mean" -> MeasureSpec.Fn.MEAN;
            default -> throw new SpecInvalid(at + ".fn", "must be one of count, sum, mean");
        };
        if (fn == MeasureSpec.Fn.COUNT) {
            if (node.has("column")) {
                throw new SpecInvalid(at + ".column", "count takes no column (it counts rows; units are always reported)");
            }
            return new MeasureSpec(fn, null);
        }
        return new MeasureSpec(fn, identifier(node, "column", at + ".column"));
    }

    private static Limits limits(JsonNode node) {
        if (node == null) {
            throw new SpecInvalid("limits", "is required");
        }
        if (!node.isObject()) {
            throw new SpecInvalid("limits", "must be an object");
        }
        fields(node, "limits", LIMITS);
        return new Limits(
                integer(node, "seconds", "limits.seconds", 1, Limits.MAX_SECONDS),
                integer(node, "maxRows", "limits.maxRows", 1, Limits.MAX_ROWS));
    }

    private static void fields(JsonNode node, String at, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String lower = name.toLowerCase(Locale.ROOT);
                String why = lower.contains("key") || lower.contains("secret")
                        ? "key material never travels in a spec (use standard input or --project-key-file)"
                        : "unknown field (allowed: " + allowed.stream().sorted().toList() + ")";
                throw new SpecInvalid(at.equals("$") ? name : at + "." + name, why);
            }
        }
    }

    private static JsonNode require(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new SpecInvalid(at, "is required");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode value = require(node, field, at);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new SpecInvalid(at, "must be a non-empty string");
        }
        return value.textValue();
    }

    private static String identifier(JsonNode node, String field, String at) {
        String value = text(node, field, at);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new SpecInvalid(at, "must be a simple identifier ([A-Za-z][A-Za-z0-9_]*)");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static List<String> identifiers(JsonNode node, String at, boolean mayBeEmpty) {
        if (!node.isArray() || (!mayBeEmpty && node.isEmpty())) {
            throw new SpecInvalid(at, mayBeEmpty ? "must be an array" : "must be a non-empty array");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String where = at + "[" + i + "]";
            if (!item.isTextual() || !IDENTIFIER.matcher(item.textValue()).matches()) {
                throw new SpecInvalid(where, "must be a simple identifier ([A-Za-z][A-Za-z0-9_]*)");
            }
            String name = item.textValue().toLowerCase(Locale.ROOT);
            if (out.contains(name)) {
                throw new SpecInvalid(where, "duplicate " + name);
            }
            out.add(name);
        }
        return out;
    }

    private static int integer(JsonNode node, String field, String at, int min, int max) {
        JsonNode value = require(node, field, at);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw new SpecInvalid(at, "must be an integer between " + min + " and " + max);
        }
        return value.intValue();
    }
}
