package org.enclave.compute.guard;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The functions researcher SQL may call, by lower-case name. Everything else is refused: user-defined
 * and temporary functions, {@code reflect}/{@code java_method}, file-metadata functions
 * ({@code input_file_name}...), session and environment functions ({@code current_user},
 * {@code version}...), non-deterministic and side-effecting ones ({@code rand}, {@code uuid},
 * {@code raise_error}, {@code assert_true}), higher-order functions (lambdas), and anything Spark adds
 * in a later release until someone reviews it here.
 *
 * <p>IMPORTANT: the list is documented in docs/sql-guard.md; change both together, and add a
 * function only after checking that it cannot read files, call code, reveal the environment, or
 * reach data outside its arguments.
 */
final class FunctionAllowlist {

    static final List<String> AGGREGATE = List.of(
            "count", "count_if", "sum", "avg", "mean", "min", "max", "median", "mode",
            "stddev", "stddev_samp", "stddev_pop", "std", "variance", "var_samp", "var_pop",
            "percentile", "percentile_approx", "approx_percentile", "percentile_cont", "percentile_disc",
            "approx_count_distinct", "corr", "covar_pop", "covar_samp", "skewness", "kurtosis",
            "first", "last", "any_value", "bool_and", "bool_or", "every", "some", "any",
            "collect_list", "collect_set", "grouping", "grouping_id");

    static final List<String> WINDOW = List.of(
            "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile",
            "lag", "lead", "first_value", "last_value", "nth_value");

    static final List<String> CONDITIONAL = List.of(
            "coalesce", "nvl", "nvl2", "nullif", "ifnull", "if", "isnull", "isnotnull", "isnan", "nanvl",
            "greatest", "least", "between");

    static final List<String> MATH = List.of(
            "abs", "round", "bround", "floor", "ceil", "ceiling", "sqrt", "cbrt", "exp", "ln", "log", "log10",
            "log2", "pow", "power", "mod", "pmod", "sign", "signum", "negative", "positive", "width_bucket",
            "try_add", "try_subtract", "try_multiply", "try_divide");

    static final List<String> STRING = List.of(
            "lower", "upper", "lcase", "ucase", "trim", "ltrim", "rtrim", "btrim", "substr", "substring",
            "left", "right", "length", "char_length", "character_length", "concat", "concat_ws", "lpad", "rpad",
            "replace", "regexp_replace", "regexp_extract", "regexp_like", "instr", "locate", "position",
            "split", "split_part", "initcap", "reverse", "repeat", "startswith", "endswith", "contains",
            "translate");

    static final List<String> DATE = List.of(
            "year", "month", "day", "dayofmonth", "dayofweek", "dayofyear", "weekday", "quarter", "weekofyear",
            "hour", "minute", "second", "extract", "date_part", "date_add", "date_sub", "datediff",
            "months_between", "add_months", "date_trunc", "trunc", "to_date", "to_timestamp", "date_format",
            "make_date", "last_day", "current_date", "current_timestamp");

    static final List<String> CAST = List.of(
            "cast", "try_cast", "int", "bigint", "smallint", "tinyint", "double", "float", "decimal", "string",
            "boolean", "date", "timestamp");

    static final List<String> COLLECTION = List.of(
            "array", "size", "array_contains", "element_at", "struct", "named_struct",
            "explode", "explode_outer", "posexplode", "posexplode_outer");

    /** Generators allowed in {@code LATERAL VIEW} and the select list: they only repeat a row's own values. */
    static final Set<String> GENERATORS = Set.of("explode", "explode_outer", "posexplode", "posexplode_outer");

    static final Set<String> ALL;

    static {
        Set<String> all = new HashSet<>();
        for (List<String> group : List.of(AGGREGATE, WINDOW, CONDITIONAL, MATH, STRING, DATE, CAST, COLLECTION)) {
            all.addAll(group);
        }
        ALL = Set.copyOf(all);
    }

    private FunctionAllowlist() {
    }

    static boolean allows(String lowerCaseName) {
        return ALL.contains(lowerCaseName);
    }
}
