package org.enclave.api.job;

import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;
import org.enclave.api.platform.DomainException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a researcher may say about a job: the SQL, the output spec, optionally a shorter time limit.
 * Everything else in a job spec (tables, lake paths, columns, policy, row cap, output folder) comes
 * from the grant and the configuration: a request naming any of it is refused, not ignored, so that
 * nobody believes they chose it.
 *
 * @param sql          the researcher's SQL (compute's SQL guard checks it)
 * @param output       the output spec of the job contract ({@code kind rows | aggregate}, ...)
 * @param limitSeconds the requested time limit, or null for the configured one
 */
public record Analysis(String sql, ObjectNode output, Integer limitSeconds) {

    static final int MAX_SQL_CHARS = 20_000;
    private static final Set<String> TOP = Set.of("sql", "output", "limitSeconds");
    private static final Set<String> OUTPUT = Set.of("kind", "unit", "groupBy", "measures", "margins");
    private static final Set<String> MEASURE = Set.of("fn", "column");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** @throws DomainException.Invalid naming the offending field */
    public static Analysis parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new DomainException.Invalid(null, "the body must be a JSON object with sql and output");
        }
        for (String name : body.propertyNames()) {
            if (!TOP.contains(name)) {
                throw new DomainException.Invalid(name, "'" + name + "' is not accepted: tables, columns, paths, policy and "
                        + "limits come from the project's grant and the enclave's configuration; send only sql and output");
            }
        }
        JsonNode sql = body.path("sql");
        if (!sql.isString() || sql.asString().isBlank()) {
            throw new DomainException.Invalid("sql", "sql must be a non-empty string");
        }
        if (sql.asString().length() > MAX_SQL_CHARS) {
            throw new DomainException.Invalid("sql", "sql is longer than " + MAX_SQL_CHARS + " characters");
        }
        Integer limit = null;
        if (body.has("limitSeconds")) {
            if (!body.get("limitSeconds").isInt() || body.get("limitSeconds").asInt() < 1) {
                throw new DomainException.Invalid("limitSeconds", "limitSeconds must be a positive whole number");
            }
            limit = body.get("limitSeconds").asInt();
        }
        return new Analysis(sql.asString(), output(body.path("output")), limit);
    }

    private static ObjectNode output(JsonNode o) {
        if (!o.isObject()) {
            throw new DomainException.Invalid("output", "output must be an object with kind rows or aggregate");
        }
        only(o, OUTPUT, "output");
        String kind = o.path("kind").asString("");
        if (kind.equals("rows")) {
            if (o.size() != 1) {
                throw new DomainException.Invalid("output", "a rows output takes only kind");
            }
            return (ObjectNode) o.deepCopy();
        }
        if (!kind.equals("aggregate")) {
            throw new DomainException.Invalid("output.kind", "output.kind must be rows or aggregate");
        }
        identifier(o.path("unit"), "output.unit");
        JsonNode groupBy = o.path("groupBy");
        if (!groupBy.isMissingNode()) {
            if (!groupBy.isArray() || groupBy.size() > 10) {
                throw new DomainException.Invalid("output.groupBy", "output.groupBy must be a list of at most 10 column names");
            }
            for (int i = 0; i < groupBy.size(); i++) {
                identifier(groupBy.get(i), "output.groupBy[" + i + "]");
            }
        }
        JsonNode measures = o.path("measures");
        if (!measures.isArray() || measures.isEmpty() || measures.size() > 10) {
            throw new DomainException.Invalid("output.measures", "output.measures must list 1 to 10 measures");
        }
        for (int i = 0; i < measures.size(); i++) {
            JsonNode m = measures.get(i);
            String field = "output.measures[" + i + "]";
            if (!m.isObject()) {
                throw new DomainException.Invalid(field, field + " must be an object");
            }
            only(m, MEASURE, field);
            String fn = m.path("fn").asString("");
            if (!Set.of("count", "sum", "mean").contains(fn)) {
                throw new DomainException.Invalid(field + ".fn", "fn must be count, sum or mean");
            }
            if (!fn.equals("count")) {
                identifier(m.path("column"), field + ".column");
            }
        }
        if (o.has("margins") && !o.get("margins").isBoolean()) {
            throw new DomainException.Invalid("output.margins", "output.margins must be true or false");
        }
        return (ObjectNode) o.deepCopy();
    }

    private static void only(JsonNode o, Set<String> allowed, String where) {
        for (Iterator<String> it = o.propertyNames().iterator(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new DomainException.Invalid(where + "." + name, where + "." + name + " is not part of an output spec");
            }
        }
    }

    private static void identifier(JsonNode n, String field) {
        if (!n.isString() || !IDENTIFIER.matcher(n.asString()).matches()) {
            throw new DomainException.Invalid(field, field + " must be a column name");
        }
    }

    public Job.Kind kind() {
        return output.path("kind").asString().equals("rows") ? Job.Kind.ROWS : Job.Kind.AGGREGATE;
    }
}
