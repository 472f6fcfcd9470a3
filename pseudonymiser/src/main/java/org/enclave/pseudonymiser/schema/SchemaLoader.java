package org.enclave.pseudonymiser.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.enclave.pseudonymiser.schema.ColumnSpec.DateFormat;
import org.enclave.pseudonymiser.schema.ColumnSpec.IdentifierKind;

/**
 * Reads and strictly validates a column-role schema (YAML, documented in {@code docs/pseudonymiser.md}).
 * Unknown keys, roles, kinds, types and generalisations, duplicate names and missing fields are errors that
 * name the column; nothing is defaulted silently except {@code scale} (2) and {@code format} (yyyy-MM-dd).
 */
public final class SchemaLoader {
    private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Set<String> TOP_KEYS = Set.of("dataset", "columns");
    private static final Set<String> COLUMN_KEYS = Set.of("name", "role", "kind", "type", "generalise", "scale",
        "format");

    private SchemaLoader() {
    }

    public static DatasetSchema load(Path file) throws SchemaException {
        try {
            return parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new SchemaException("schema file " + file + " does not exist");
        } catch (IOException e) {
            throw new SchemaException("cannot read schema file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    public static DatasetSchema parse(String yaml) throws SchemaException {
        JsonNode root;
        try {
            YAMLMapper mapper = new YAMLMapper();
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new SchemaException("schema is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SchemaException("schema must be a mapping with 'dataset' and 'columns'");
        }
        unknownKeys(root, TOP_KEYS, "schema");
        JsonNode ds = root.get("dataset");
        if (ds == null || !ds.isTextual() || !DATASET.matcher(ds.asText()).matches()) {
            throw new SchemaException("schema needs 'dataset': a name of letters, digits, '_', '-' or '.'");
        }
        JsonNode cols = root.get("columns");
        if (cols == null || !cols.isArray() || cols.isEmpty()) {
            throw new SchemaException("schema needs 'columns': a non-empty list");
        }
        List<ColumnSpec> specs = new ArrayList<>();
        Map<String, String> folded = new HashMap<>();
        folded.put(DatasetSchema.CSNS_COLUMN, null);
        int nirColumns = 0;
        int i = 0;
        for (JsonNode c : cols) {
            i++;
            ColumnSpec spec = column(c, i);
            String f = DatasetSchema.fold(spec.name());
            if (folded.containsKey(f)) {
                String other = folded.get(f);
                if (other == null && !spec.role().equals(Role.IDENTIFIER)) {
                    throw new SchemaException("column '" + spec.name() + "' clashes with the output column 'csns'");
                } else if (other != null) {
                    throw new SchemaException("column '" + spec.name() + "' is declared twice"
                        + (other.equals(spec.name()) ? "" : " (as '" + other + "'; names are compared ignoring case,"
                        + " as Spark does)"));
                }
            }
            folded.put(f, spec.name());
            if (spec.isNir()) {
                nirColumns++;
            }
            specs.add(spec);
        }
        if (nirColumns != 1) {
            throw new SchemaException("schema must declare exactly one column with role: identifier, kind: nir"
                + " (found " + nirColumns + ")");
        }
        return new DatasetSchema(ds.asText(), specs);
    }

    private static ColumnSpec column(JsonNode c, int position) throws SchemaException {
        if (!c.isObject()) {
            throw new SchemaException("column " + position + " must be a mapping");
        }
        JsonNode nameNode = c.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            throw new SchemaException("column " + position + " needs a 'name'");
        }
        String name = nameNode.asText();
        String where = "column '" + name + "'";
        unknownKeys(c, COLUMN_KEYS, where);
        String role = text(c, "role", where, true);
        switch (role) {
            case "identifier" -> {
                forbid(c, where, "type", "generalise", "scale", "format");
                String kind = text(c, "kind", where, true);
                IdentifierKind k = switch (kind) {
                    case "nir" -> IdentifierKind.NIR;
                    case "drop" -> IdentifierKind.DROP;
                    default -> throw new SchemaException(where + ": unknown kind '" + kind
                        + "' (expected nir or drop)");
                };
                return new ColumnSpec(name, Role.IDENTIFIER, k, null, null, 0, null);
            }
            case "quasi", "attribute" -> {
                forbid(c, where, "kind");
                ValueType type = type(text(c, "type", where, true), where);
                Role r = role.equals("quasi") ? Role.QUASI : Role.ATTRIBUTE;
                Generalisation g;
                if (r == Role.QUASI) {
                    JsonNode gn = c.get("generalise");
                    if (gn == null) {
                        throw new SchemaException(where + ": a quasi-identifier needs 'generalise'"
                            + " (write 'generalise: none' to keep it as is)");
                    }
                    g = generalisation(gn, type, where);
                } else {
                    forbid(c, where, "generalise");
                    g = new Generalisation.None();
                }
                int scale = 0;
                if (type == ValueType.DECIMAL) {
                    JsonNode s = c.get("scale");
                    scale = 2;
                    if (s != null) {
                        if (!s.isInt() || s.asInt() < 0 || s.asInt() > 9) {
                            throw new SchemaException(where + ": 'scale' must be an integer from 0 to 9");
                        }
                        scale = s.asInt();
                    }
                } else {
                    forbid(c, where, "scale");
                }
                DateFormat df = null;
                if (type == ValueType.DATE) {
                    JsonNode f = c.get("format");
                    df = DateFormat.ISO;
                    if (f != null) {
                        df = switch (f.asText()) {
                            case "yyyy-MM-dd" -> DateFormat.ISO;
                            case "dd/MM/yyyy" -> DateFormat.FRENCH;
                            default -> throw new SchemaException(where + ": unknown date format '" + f.asText()
                                + "' (expected yyyy-MM-dd or dd/MM/yyyy)");
                        };
                    }
                } else {
                    forbid(c, where, "format");
                }
                return new ColumnSpec(name, r, null, type, g, scale, df);
            }
            default -> throw new SchemaException(where + ": unknown role '" + role
                + "' (expected identifier, quasi or attribute)");
        }
    }

    private static Generalisation generalisation(JsonNode g, ValueType type, String where) throws SchemaException {
        if (g.isTextual()) {
            String s = g.asText();
            Generalisation out = switch (s) {
                case "none" -> new Generalisation.None();
                case "year-month" -> new Generalisation.YearMonth();
                case "year" -> new Generalisation.Year();
                case "departement" -> new Generalisation.Departement();
                default -> throw new SchemaException(where + ": unknown generalise '" + s
                    + "' (expected none, year-month, year, departement or {band: N, top: M})");
            };
            if ((out instanceof Generalisation.YearMonth || out instanceof Generalisation.Year)
                    && type != ValueType.DATE) {
                throw new SchemaException(where + ": generalise '" + s + "' applies to type date only");
            }
            if (out instanceof Generalisation.Departement && type != ValueType.STRING) {
                throw new SchemaException(where + ": generalise 'departement' applies to type string only"
                    + " (a commune code is text: 2A004)");
            }
            return out;
        }
        if (g.isObject()) {
            unknownKeys(g, Set.of("band", "top"), where + " generalise");
            if (type != ValueType.INT && type != ValueType.LONG) {
                throw new SchemaException(where + ": generalise {band: ...} applies to int or long only");
            }
            JsonNode band = g.get("band");
            if (band == null || !band.isInt() || band.asInt() < 1) {
                throw new SchemaException(where + ": 'band' must be a positive integer");
            }
            JsonNode top = g.get("top");
            if (top != null && !top.isInt()) {
                throw new SchemaException(where + ": 'top' must be an integer");
            }
            return new Generalisation.Band(band.asInt(), top == null ? null : top.asInt());
        }
        throw new SchemaException(where + ": 'generalise' must be a word or {band: N, top: M}");
    }

    private static ValueType type(String t, String where) throws SchemaException {
        return switch (t) {
            case "string" -> ValueType.STRING;
            case "int" -> ValueType.INT;
            case "long" -> ValueType.LONG;
            case "decimal" -> ValueType.DECIMAL;
            case "date" -> ValueType.DATE;
            default -> throw new SchemaException(where + ": unknown type '" + t
                + "' (expected string, int, long, decimal or date)");
        };
    }

    private static String text(JsonNode c, String key, String where, boolean required) throws SchemaException {
        JsonNode n = c.get(key);
        if (n == null) {
            if (required) {
                throw new SchemaException(where + " needs '" + key + "'");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new SchemaException(where + ": '" + key + "' must be a word");
        }
        return n.asText();
    }

    private static void forbid(JsonNode c, String where, String... keys) throws SchemaException {
        for (String k : keys) {
            if (c.has(k)) {
                throw new SchemaException(where + ": '" + k + "' does not apply to this role/type");
            }
        }
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String where) throws SchemaException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new SchemaException(where + ": unknown key '" + k + "'");
            }
        }
    }
}
