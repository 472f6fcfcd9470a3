package org.enclave.compute.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SQL guard on Spark's parser alone: no SparkSession, no data. */
class AnalysisGuardTest {

    static final Map<String, List<String>> VIEWS;

    static {
        Map<String, List<String>> views = new LinkedHashMap<>();
        views.put("stays", List.of("pid", "region", "age_band", "cost", "arr"));
        views.put("acts", List.of("pid", "code", "act_date"));
        VIEWS = views;
    }

    static final AnalysisGuard GUARD = new AnalysisGuard();

    static ValidatedAnalysis accept(String sql) {
        return GUARD.validate(new UnvalidatedAnalysis(sql, VIEWS));
    }

    static AnalysisRejected reject(String sql, RejectionCode code) {
        AnalysisRejected rejected = catchThrowableOfType(AnalysisRejected.class, () -> accept(sql));
        assertThat(rejected).as("expected %s to be rejected with %s", sql, code.code()).isNotNull();
        assertThat(rejected.code()).as(rejected.getMessage()).isEqualTo(code);
        return rejected;
    }

    @Nested
    class Accepts {

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT s.pid, s.region, s.cost FROM stays s WHERE s.age_band >= 40",
                "SELECT region, count(DISTINCT pid) AS n, sum(cost) FROM stays GROUP BY region HAVING count(*) > 10 ORDER BY n DESC LIMIT 5",
                "WITH a AS (SELECT pid, region FROM stays), b AS (SELECT * FROM a) SELECT region, count(*) FROM b GROUP BY region",
                "SELECT a.region FROM stays a JOIN acts b ON a.pid = b.pid LEFT JOIN stays c USING (region)",
                "SELECT region FROM stays UNION ALL SELECT code FROM acts EXCEPT SELECT region FROM stays",
                "SELECT region, rank() OVER (PARTITION BY region ORDER BY cost DESC) AS r FROM stays",
                "SELECT region, row_number() OVER w AS r FROM stays WINDOW w AS (PARTITION BY region ORDER BY cost ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
                "SELECT * FROM stays WHERE EXISTS (SELECT 1 FROM acts t WHERE t.pid = stays.pid) AND cost > (SELECT avg(cost) FROM stays)",
                "SELECT * FROM stays WHERE pid IN (SELECT pid FROM acts WHERE code LIKE 'K%')",
                "SELECT region, sum(cost) FROM stays GROUP BY CUBE(region, age_band)",
                "SELECT region, sum(cost) FROM stays GROUP BY GROUPING SETS ((region), ())",
                "SELECT region, sum(cost) FROM stays GROUP BY ALL",
                "SELECT region, sum(cost) FROM stays GROUP BY 1",
                "SELECT DISTINCT region FROM stays",
                "SELECT * FROM stays",
                "SELECT s.* FROM stays s",
                "SELECT `region` FROM `stays`",
                "SELECT REGION FROM STAYS",
                "TABLE stays",
                "SELECT * FROM (SELECT region AS r FROM stays) AS t(x) WHERE x <> 'N'",
                "SELECT CASE WHEN cost BETWEEN 1 AND 2 THEN 'low' ELSE 'high' END AS band, cost IS NULL, NOT (cost > 1), cost % 2, cost DIV 2, -cost, 'a' || region, CAST(cost AS INT), cost::int FROM stays",
                "SELECT year(act_date), EXTRACT(MONTH FROM act_date), act_date + INTERVAL 1 DAY, datediff(act_date, DATE '2020-01-01') FROM acts",
                "SELECT coalesce(region, 'unknown'), round(avg(cost), 2) FROM stays GROUP BY region",
                "SELECT e FROM stays LATERAL VIEW explode(arr) t AS e",
                "SELECT p, e FROM stays LATERAL VIEW OUTER posexplode(arr) t AS p, e",
                "SELECT * FROM VALUES (1, 'a'), (2, upper('b')) AS t(n, s)",
                "VALUES (1, 'North'), (2, 'South')",
                "SELECT 1",
                "SELECT current_date, current_date() FROM stays",
                "SELECT count(*) FILTER (WHERE cost > 1), percentile_cont(0.5) WITHIN GROUP (ORDER BY cost) FROM stays",
                "SELECT count(*) FROM stays s JOIN stays t ON s.pid = t.pid AND s.region <=> t.region WHERE s.cost IS DISTINCT FROM t.cost",
                "SELECT region FROM stays -- a comment ; DROP TABLE x",
                "SELECT region /* SELECT csns FROM x; DROP TABLE y */ FROM stays",
                "SELECT region FROM stays /* /* nested */ still a comment ; SELECT 2 */",
                "SELECT region FROM stays;",
                "SELECT region FROM stays ;  ;\n",
                "SELECT ';' AS semicolon, 'SELECT csns' AS text FROM stays",
                "SELECT * FROM stays NATURAL JOIN acts",
                "SELECT region FROM stays ORDER BY region LIMIT 10 OFFSET 5",
                "SELECT * FROM (SELECT pid, region FROM stays) WHERE region = 'N'",
        })
        void readOnlyQueriesOverTheViews(String sql) {
            ValidatedAnalysis validated = accept(sql);
            assertThat(validated.sql()).isEqualTo(sql);
            assertThat(validated.plan()).isNotNull();
        }

        @Test
        void cteNameShadowingAViewIsAQueryOverTheView() {
            accept("WITH stays AS (SELECT pid, region FROM stays WHERE cost > 0) SELECT region FROM stays");
        }

        @Test
        void cteIsVisibleInLaterCtesAndSubqueries() {
            accept("WITH a AS (SELECT pid FROM stays) SELECT * FROM acts WHERE pid IN (SELECT pid FROM a)");
        }

        @Test
        void identifierClauseWithALiteralNamesAView() {
            accept("SELECT * FROM IDENTIFIER('stays')");
        }
    }

    @Nested
    class RefusesOtherTables {

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT * FROM patients",
                "SELECT * FROM default.stays",
                "SELECT * FROM spark_catalog.default.stays",
                "SELECT * FROM global_temp.stays",
                "SELECT * FROM `default`.`stays`",
                "SELECT * FROM stays s JOIN secret.t x ON s.pid = x.pid",
                "SELECT * FROM stays WHERE pid IN (SELECT pid FROM other)",
                "SELECT * FROM IDENTIFIER('other')",
                "SELECT * FROM IDENTIFIER('db.stays')",
        })
        void unknownTables(String sql) {
            reject(sql, RejectionCode.UNKNOWN_TABLE);
        }

        @Test
        void cteIsNotVisibleBeforeItsDefinition() {
            reject("WITH a AS (SELECT * FROM b), b AS (SELECT pid FROM stays) SELECT * FROM a", RejectionCode.UNKNOWN_TABLE);
        }

        @Test
        void cteIsNotVisibleOutsideItsQuery() {
            reject("SELECT * FROM (WITH a AS (SELECT pid FROM stays) SELECT * FROM a) x JOIN a ON x.pid = a.pid",
                    RejectionCode.UNKNOWN_TABLE);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT * FROM parquet.`/lake/stays/v1`",
                "SELECT * FROM PARQUET.`file:///lake/stays`",
                "SELECT * FROM csv.`/etc/passwd`",
                "SELECT * FROM json.`s3a://bucket/x`",
                "SELECT * FROM stays s JOIN orc.`/x` o ON s.pid = o.pid",
                "SELECT * FROM `/lake/stays`",
        })
        void directFileReads(String sql) {
            reject(sql, RejectionCode.FILE_READ);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT * FROM range(10)",
                "SELECT * FROM read_files('/lake/stays')",
                "SELECT * FROM explode(array(1, 2))",
                "SELECT * FROM stays, range(3)",
        })
        void tableValuedFunctions(String sql) {
            reject(sql, RejectionCode.TABLE_FUNCTION);
        }

        @Test
        void tableOptions() {
            reject("SELECT * FROM stays WITH ('path' = '/lake/other')", RejectionCode.FORBIDDEN_CONSTRUCT);
        }

        @Test
        void computedIdentifier() {
            reject("SELECT * FROM IDENTIFIER(concat('sta', 'ys'))", RejectionCode.FORBIDDEN_CONSTRUCT);
        }
    }

    @Nested
    class RefusesStatements {

        @ParameterizedTest
        @ValueSource(strings = {
                "INSERT INTO stays SELECT * FROM stays",
                "INSERT OVERWRITE TABLE stays SELECT * FROM stays",
                "DROP TABLE stays",
                "CREATE TABLE x AS SELECT * FROM stays",
                "CREATE TEMPORARY VIEW v AS SELECT * FROM stays",
                "CREATE TEMPORARY FUNCTION f AS 'com.example.Evil'",
                "CREATE FUNCTION f AS 'com.example.Evil' USING JAR '/tmp/evil.jar'",
                "ALTER TABLE stays ADD COLUMNS (x INT)",
                "DELETE FROM stays WHERE cost > 0",
                "SET spark.sql.runSQLOnFiles=true",
                "SET",
                "RESET",
                "RESET spark.sql.runSQLOnFiles",
                "ADD JAR /tmp/evil.jar",
                "ADD FILE /etc/passwd",
                "CACHE TABLE stays",
                "CACHE TABLE c AS SELECT * FROM stays",
                "UNCACHE TABLE stays",
                "CLEAR CACHE",
                "LOAD DATA LOCAL INPATH '/tmp/x' INTO TABLE stays",
                "EXPLAIN SELECT * FROM stays",
                "DESCRIBE stays",
                "SHOW TABLES",
                "SHOW FUNCTIONS",
                "USE other_db",
                "ANALYZE TABLE stays COMPUTE STATISTICS",
                "MSCK REPAIR TABLE stays",
                "REFRESH TABLE stays",
                "EXECUTE IMMEDIATE 'SELECT * FROM other'",
                "DECLARE v INT",
        })
        void anythingButAQuery(String sql) {
            reject(sql, RejectionCode.NOT_A_QUERY);
        }

        @Test
        void messageNamesTheStatement() {
            assertThat(reject("SET spark.sql.runSQLOnFiles=true", RejectionCode.NOT_A_QUERY).reason()).contains("SET");
            assertThat(reject("ADD JAR /tmp/x.jar", RejectionCode.NOT_A_QUERY).reason()).contains("ADD JAR");
            assertThat(reject("CACHE TABLE stays", RejectionCode.NOT_A_QUERY).reason()).contains("CACHE");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT * FROM stays; SELECT * FROM acts",
                "SELECT * FROM stays;\nDROP TABLE stays",
                "SELECT * FROM stays -- comment\n; SET spark.sql.runSQLOnFiles=true",
                "SELECT * FROM stays /* ; */ ; ADD JAR /tmp/x.jar",
                "SELECT * FROM stays;;SELECT 1",
        })
        void severalStatements(String sql) {
            reject(sql, RejectionCode.MULTIPLE_STATEMENTS);
        }

        @Test
        void secondStatementPositionIsReported() {
            AnalysisRejected rejected = reject("SELECT * FROM stays;\n  DROP TABLE stays", RejectionCode.MULTIPLE_STATEMENTS);
            assertThat(rejected.position()).contains(new SqlPosition(2, 3));
        }

        @Test
        void sqlScript() {
            reject("BEGIN SELECT 1; SELECT 2; END", RejectionCode.MULTIPLE_STATEMENTS);
        }

        @Test
        void scriptTransform() {
            reject("SELECT TRANSFORM(region) USING 'cat /etc/passwd' FROM stays", RejectionCode.SCRIPT_TRANSFORM);
            reject("SELECT TRANSFORM(region) USING 'sh' AS (x) FROM stays", RejectionCode.SCRIPT_TRANSFORM);
        }
    }

    @Nested
    class RefusesFunctions {

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT reflect('java.lang.Runtime', 'getRuntime') FROM stays",
                "SELECT java_method('java.lang.System', 'getenv', 'HOME') FROM stays",
                "SELECT try_reflect('java.lang.System', 'exit', 0)",
                "SELECT input_file_name() FROM stays",
                "SELECT input_file_block_start(), input_file_block_length() FROM stays",
                "SELECT current_user() FROM stays",
                "SELECT session_user()",
                "SELECT version()",
                "SELECT current_database()",
                "SELECT uuid() FROM stays",
                "SELECT rand() FROM stays",
                "SELECT raise_error('x')",
                "SELECT assert_true(cost > 0) FROM stays",
                "SELECT my_udf(cost) FROM stays",
                "SELECT sha2(pid, 256) FROM stays",
                "SELECT from_json(region, 'a INT') FROM stays",
                "SELECT system.builtin.abs(cost) FROM stays",
                "SELECT builtin.abs(cost) FROM stays",
                "SELECT default.f(cost) FROM stays",
                "SELECT transform(arr, x -> x + 1) FROM stays",
                "SELECT region FROM stays WHERE reflect('java.lang.Thread', 'sleep', 1000) IS NULL",
                "SELECT region FROM stays GROUP BY region HAVING count(java_method('a', 'b')) > 0",
                "SELECT e FROM stays LATERAL VIEW inline(array(struct(1))) t AS e",
                "SELECT e FROM stays LATERAL VIEW stack(1, reflect('a', 'b')) t AS e",
                "WITH x AS (SELECT reflect('a', 'b') AS r FROM stays) SELECT * FROM x",
                "SELECT * FROM stays WHERE pid IN (SELECT input_file_name() FROM acts)",
        })
        void outsideTheAllowlist(String sql) {
            reject(sql, RejectionCode.FORBIDDEN_FUNCTION);
        }

        @Test
        void messageNamesTheFunctionAndPosition() {
            AnalysisRejected rejected = reject("SELECT region,\n       reflect('a', 'b') FROM stays", RejectionCode.FORBIDDEN_FUNCTION);
            assertThat(rejected.reason()).contains("reflect");
            assertThat(rejected.position()).contains(new SqlPosition(2, 8));
            assertThat(rejected.getMessage()).contains("forbidden-function").contains("line 2, column 8");
        }
    }

    @Nested
    class RefusesColumns {

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT nir FROM stays",
                "SELECT s.birth_date FROM stays s",
                "SELECT region FROM stays WHERE diagnosis = 'x'",
                "SELECT region FROM stays ORDER BY secret",
                "SELECT count(*) FROM stays GROUP BY hidden",
                "SELECT code FROM acts WHERE pid IN (SELECT pid FROM stays WHERE income > 0)",
                "SELECT current_user FROM stays",
                "SELECT x.region FROM stays s",
                "SELECT nope.* FROM stays",
                "SELECT * FROM stays a JOIN acts b USING (secret)",
        })
        void notGranted(String sql) {
            reject(sql, RejectionCode.COLUMN_NOT_GRANTED);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT csns FROM stays",
                "SELECT s.csns FROM stays s",
                "SELECT `csns` FROM stays",
                "SELECT CSNS FROM stays",
                "SELECT region FROM stays WHERE csns IS NOT NULL",
                "SELECT count(DISTINCT csns) FROM stays",
                "SELECT pid AS csns FROM stays",
                "SELECT * FROM stays a JOIN acts b USING (csns)",
                "SELECT * FROM (SELECT pid FROM stays) t(csns)",
                "SELECT region FROM stays -- no csns here\n WHERE csns = 'x'",
        })
        void csns(String sql) {
            reject(sql, RejectionCode.CSNS_COLUMN);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT _metadata FROM stays",
                "SELECT _metadata.file_path FROM stays",
                "SELECT s._metadata.file_path FROM stays s",
                "SELECT 1 AS _metadata FROM stays",
                "SELECT s._metadata FROM stays s, (SELECT 1 AS _metadata) x",
                "SELECT _tmp_metadata_row_index FROM stays",
        })
        void hiddenMetadataColumns(String sql) {
            reject(sql, RejectionCode.RESERVED_NAME);
        }
    }

    @Nested
    class RefusesSmuggling {

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT /*+ BROADCAST(s) */ s.region FROM stays s",
                "SELECT /*+ REPARTITION(1000) */ region FROM stays",
                "SELECT /*+ COALESCE(1) */ region FROM stays",
                "SELECT region FROM (SELECT /*+ MERGE(stays) */ * FROM stays) x",
        })
        void hints(String sql) {
            reject(sql, RejectionCode.HINT);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT '${env:HOME}' FROM stays",
                "SELECT '${system:user.name}' FROM stays",
                "SELECT * FROM ${spark.sql.x}",
                "SELECT region FROM stays -- ${env:SECRET}",
        })
        void variableSubstitution(String sql) {
            reject(sql, RejectionCode.VARIABLE_SUBSTITUTION);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SELECT ? FROM stays", "SELECT region FROM stays WHERE cost > :limit"})
        void parameterMarkers(String sql) {
            reject(sql, RejectionCode.PARAMETER);
        }

        @Test
        void unclosedCommentIsASyntaxError() {
            reject("SELECT region FROM stays /* ; DROP TABLE stays", RejectionCode.SYNTAX_ERROR);
        }

        @Test
        void commentDoesNotHideASecondStatement() {
            reject("SELECT region FROM stays /* comment */; /* another */ SET x=1", RejectionCode.MULTIPLE_STATEMENTS);
        }

        @Test
        void hintInsideAConcatenatedComment() {
            reject("SELECT region FROM stays s /**/ JOIN /*+ BROADCAST(s) */ acts a ON s.pid = a.pid", RejectionCode.SYNTAX_ERROR);
        }

        @Test
        void tooLong() {
            reject("SELECT region FROM stays WHERE " + "cost > 0 AND ".repeat(10_000) + "cost > 0", RejectionCode.SQL_TOO_LONG);
        }
    }

    @Nested
    class RefusesOtherConstructs {

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT region FROM stays TABLESAMPLE (10 PERCENT)",
                "SELECT * FROM stays VERSION AS OF 1",
                "SELECT * FROM stays TIMESTAMP AS OF '2020-01-01'",
                "SELECT * FROM stays, LATERAL (SELECT 1)",
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT * FROM r",
                "SELECT * FROM stays DISTRIBUTE BY region",
                "SELECT region FROM stays CLUSTER BY region",
                "SELECT * FROM stays PIVOT (sum(cost) FOR region IN ('N', 'S'))",
                "SELECT region FROM stays |> WHERE cost > 1",
        })
        void notOnTheAllowlist(String sql) {
            reject(sql, RejectionCode.FORBIDDEN_CONSTRUCT);
        }

        @Test
        void syntaxErrorCarriesSparksPosition() {
            AnalysisRejected rejected = reject("SELECT region FROM stays WHERE cost >", RejectionCode.SYNTAX_ERROR);
            assertThat(rejected.position()).isPresent();
            assertThat(rejected.reason()).doesNotContain("== SQL ==");
        }
    }

    @Test
    void viewsAreNormalisedAndChecked() {
        assertThatThrownBy(() -> new UnvalidatedAnalysis("SELECT 1", Map.of("bad name", List.of("a"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnvalidatedAnalysis("SELECT 1", Map.of("t", List.of("a`b"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new UnvalidatedAnalysis("SELECT 1", Map.of("Stays", List.of("PID"))).views())
                .isEqualTo(Map.of("stays", List.of("pid")));
    }

    @Test
    void codesAreStable() {
        assertThat(java.util.Arrays.stream(RejectionCode.values()).map(RejectionCode::code)).containsExactly(
                "sql-too-long", "variable-substitution", "multiple-statements", "syntax-error", "not-a-query",
                "script-transform", "hint", "parameter", "file-read", "unknown-table", "table-function",
                "forbidden-function", "csns-column", "reserved-name", "column-not-granted", "forbidden-construct");
    }
}
