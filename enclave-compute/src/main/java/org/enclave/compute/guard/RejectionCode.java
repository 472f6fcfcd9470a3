package org.enclave.compute.guard;

/**
 * Why the guard refused an analysis. The {@link #code()} strings are part of the job report contract
 * (docs/job-contract.md, docs/sql-guard.md).
 *
 * <p>IMPORTANT: codes are stable identifiers read by the API and by researchers' tooling: never rename
 * or reuse one; add new codes instead.
 */
public enum RejectionCode {
    /** The SQL text is longer than the guard accepts. */
    SQL_TOO_LONG("sql-too-long"),
    /** {@code ${...}} variable substitution, which Spark would expand from configuration, system properties or environment. */
    VARIABLE_SUBSTITUTION("variable-substitution"),
    /** More than one statement. */
    MULTIPLE_STATEMENTS("multiple-statements"),
    /** Spark's parser refused the text. */
    SYNTAX_ERROR("syntax-error"),
    /** A statement that is not a read-only query: DDL, DML, SET/RESET, ADD JAR, CACHE, EXPLAIN, SHOW... */
    NOT_A_QUERY("not-a-query"),
    /** {@code SELECT TRANSFORM(...) USING 'script'}: runs an external process. */
    SCRIPT_TRANSFORM("script-transform"),
    /** An optimizer hint ({@code /*+ ... *}{@code /}). */
    HINT("hint"),
    /** A parameter marker ({@code ?} or {@code :name}); jobs carry no parameters. */
    PARAMETER("parameter"),
    /** A direct file read such as {@code parquet.`/path`}. */
    FILE_READ("file-read"),
    /** A table or view that is not one of the job's views (other tables, databases, catalogs). */
    UNKNOWN_TABLE("unknown-table"),
    /** A table-valued function ({@code range(...)}, {@code read_files(...)}, ...). */
    TABLE_FUNCTION("table-function"),
    /** A function that is not on the allowlist. */
    FORBIDDEN_FUNCTION("forbidden-function"),
    /** A reference to the {@code csns} column, which SQL never sees (it is {@code pid}). */
    CSNS_COLUMN("csns-column"),
    /** A name beginning with {@code _}: reserved for Spark's hidden metadata columns. */
    RESERVED_NAME("reserved-name"),
    /** A column that is neither granted in one of the job's views nor defined by the query. */
    COLUMN_NOT_GRANTED("column-not-granted"),
    /** Any other plan node or expression that is not on the guard's allowlist. */
    FORBIDDEN_CONSTRUCT("forbidden-construct");

    private final String code;

    RejectionCode(String code) {
        this.code = code;
    }

    /** The stable, kebab-case code written to job reports. */
    public String code() {
        return code;
    }
}
