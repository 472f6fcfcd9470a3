package org.enclave.api.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.enclave.api.job.Analysis;
import org.enclave.api.platform.DomainException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SQL editor's fields, turned into the API's own request body and read by {@link Analysis#parse}, so
 * the form is held to exactly the rules of {@code POST /api/workspaces/{id}/jobs}. The form keeps the
 * output spec simple: group-by columns separated by commas, a row count and an optional sum of one
 * column.
 */
final class AnalysisForm {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AnalysisForm() {
    }

    /** What a fresh editor shows. */
    static Map<String, String> defaults() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("kind", "aggregate");
        form.put("unit", "pid");
        form.put("count", "on");
        form.put("margins", "on");
        return form;
    }

    /** @throws DomainException.Invalid naming the field, as the API would */
    static Analysis parse(Map<String, String> form) {
        ObjectNode body = JSON.createObjectNode();
        body.put("sql", form.getOrDefault("sql", ""));
        ObjectNode output = body.putObject("output");
        String kind = form.getOrDefault("kind", "");
        output.put("kind", kind);
        if (kind.equals("aggregate")) {
            output.put("unit", form.getOrDefault("unit", "").trim());
            ArrayNode groupBy = JSON.createArrayNode();
            for (String c : form.getOrDefault("groupBy", "").split(",")) {
                if (!c.isBlank()) {
                    groupBy.add(c.trim());
                }
            }
            if (!groupBy.isEmpty()) {
                output.set("groupBy", groupBy);
            }
            ArrayNode measures = output.putArray("measures");
            if (form.containsKey("count")) {
                measures.addObject().put("fn", "count");
            }
            String sum = form.getOrDefault("sum", "").trim();
            if (!sum.isEmpty()) {
                measures.addObject().put("fn", "sum").put("column", sum);
            }
            output.put("margins", form.containsKey("margins"));
        }
        String limit = form.getOrDefault("limitSeconds", "").trim();
        if (!limit.isEmpty()) {
            try {
                body.put("limitSeconds", Integer.parseInt(limit));
            } catch (NumberFormatException e) {
                throw new DomainException.Invalid("limitSeconds", "the time limit must be a whole number of seconds");
            }
        }
        return Analysis.parse(body);
    }
}
