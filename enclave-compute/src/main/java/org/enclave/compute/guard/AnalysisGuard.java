package org.enclave.compute.guard;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.SparkSqlParser;

/**
 * The wall between a researcher's SQL and everything else. Accepts only a single read-only query over
 * the job's views, made of allowlisted constructs and functions, and turns it into the
 * {@link ValidatedAnalysis} the runner executes.
 *
 * <p>It needs no SparkSession: Spark's own parser ({@link SparkSqlParser}) produces the unresolved
 * plan, and the checks run on it, so a refused analysis never starts Spark nor reads any data.
 * The checks run in a fixed order (specific dangers first, then the deny-by-default allowlist); the
 * first refusal wins. See docs/sql-guard.md.
 */
public final class AnalysisGuard {

    private static final List<PlanCheck> CHECKS = List.of(
            new QueryRootCheck(),
            new ScriptTransformCheck(),
            new HintCheck(),
            new ParameterCheck(),
            new RelationCheck(),
            new TableFunctionCheck(),
            new FunctionCheck(),
            new CsnsColumnCheck(),
            new ReservedNameCheck(),
            new ColumnCheck(),
            new NodeAllowlistCheck());

    /**
     * @param analysis the submitted SQL and the job's views; not {@code null}
     * @return the validated analysis; never {@code null}
     * @throws AnalysisRejected when the SQL is refused, with a stable code and, when known, the position
     */
    public ValidatedAnalysis validate(UnvalidatedAnalysis analysis) {
        Objects.requireNonNull(analysis, "analysis");
        SqlText.check(analysis.sql());
        LogicalPlan plan = parse(analysis.sql());
        List<Visit> visits = PlanWalker.walk(plan);
        GuardContext context = GuardContext.of(analysis.views(), visits);
        for (PlanCheck check : CHECKS) {
            for (Visit visit : visits) {
                check.check(visit, context);
            }
        }
        return new ValidatedAnalysis(analysis.sql(), analysis.views(), plan);
    }

    private static LogicalPlan parse(String sql) {
        try {
            return new SparkSqlParser().parsePlan(sql);
        } catch (StackOverflowError e) {
            throw new AnalysisRejected(RejectionCode.FORBIDDEN_CONSTRUCT, "the query is nested too deeply", null);
        } catch (Exception e) {
            // Scala does not declare its checked exceptions: ParseException (an AnalysisException) arrives here.
            if (e instanceof ParseException parse) {
                throw new AnalysisRejected(RejectionCode.SYNTAX_ERROR, firstLine(parse.getMessage()),
                        SqlPosition.of(parse.start()).orElse(null));
            }
            // Any other parser failure is still about the researcher's text (Spark's messages name
            // constructs, not data).
            throw new AnalysisRejected(RejectionCode.SYNTAX_ERROR, firstLine(e.getMessage()), null);
        }
    }

    /** Spark's message without its SQL echo and SQLSTATE suffix: the position is reported apart. */
    static String firstLine(String message) {
        if (message == null) {
            return "the SQL could not be parsed";
        }
        for (String line : message.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                int state = trimmed.indexOf(" SQLSTATE:");
                return state > 0 ? trimmed.substring(0, state) : trimmed;
            }
        }
        return "the SQL could not be parsed";
    }
}
