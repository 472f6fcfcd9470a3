package org.enclave.compute.guard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A researcher's SQL as submitted, with the views the job grants: nothing about it is trusted yet.
 * The only way forward is {@link AnalysisGuard#validate(UnvalidatedAnalysis)}.
 *
 * @param sql   the SQL text, as written by the researcher; not {@code null}
 * @param views the job's views as SQL sees them: view name to its visible columns (after {@code csns}
 *              became {@code pid}); names are simple identifiers, compared case-insensitively as
 *              Spark does; not {@code null}
 */
public record UnvalidatedAnalysis(String sql, Map<String, List<String>> views) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    public UnvalidatedAnalysis {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(views, "views");
        Map<String, List<String>> normalised = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> view : views.entrySet()) {
            String name = identifier(view.getKey(), "view name");
            List<String> columns = new ArrayList<>();
            for (String column : Objects.requireNonNull(view.getValue(), "columns of " + name)) {
                columns.add(identifier(column, "column of " + name));
            }
            if (normalised.put(name, List.copyOf(columns)) != null) {
                throw new IllegalArgumentException("view " + name + " is declared twice");
            }
        }
        views = Collections.unmodifiableMap(normalised);
    }

    private static String identifier(String name, String what) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be a simple identifier ([A-Za-z][A-Za-z0-9_]*), got: " + name);
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
