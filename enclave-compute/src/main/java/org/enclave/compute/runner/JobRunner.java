package org.enclave.compute.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.enclave.compute.aggregate.AggregateEvaluation;
import org.enclave.compute.aggregate.EnclaveAggregator;
import org.enclave.compute.aggregate.MeasureTable;
import org.enclave.compute.aggregate.SdcTable;
import org.enclave.compute.guard.AnalysisGuard;
import org.enclave.compute.guard.AnalysisRejected;
import org.enclave.compute.guard.UnvalidatedAnalysis;
import org.enclave.compute.guard.ValidatedAnalysis;
import org.enclave.compute.job.JobError;
import org.enclave.compute.job.JobFailure;
import org.enclave.compute.job.JobReport;
import org.enclave.compute.job.JobSpec;
import org.enclave.compute.job.JobStatus;
import org.enclave.compute.job.OutputSpec;
import org.enclave.compute.job.ReportWriter;
import org.enclave.compute.job.TableSpec;
import org.enclave.compute.views.GrantedViews;
import org.enclave.compute.views.PidFunction;
import org.enclave.compute.views.ProjectKeyInput;
import org.enclave.policies.policy.Policy;

/**
 * Runs one job: validate the SQL (before Spark even starts), build the granted views, execute the
 * validated plan under the time limit, write the outputs, then {@code report.json} last.
 */
public final class JobRunner {

    public static final String RESULT_PARQUET = "result.parquet";
    public static final String RESULT_CSV = "result.csv";

    private final Supplier<SparkSession> sessions;
    private final Function<ProjectKeyInput, PidFunction> pids;

    /**
     * @param sessions gives the job's Spark session (configured by {@link SparkSessions})
     * @param pids     builds the pseudonym function from the project key
     *                 ({@link org.enclave.compute.views.ProjectPseudonyms#forProjectKey} in production)
     */
    public JobRunner(Supplier<SparkSession> sessions, Function<ProjectKeyInput, PidFunction> pids) {
        this.sessions = sessions;
        this.pids = pids;
    }

    /** Runs the job and writes its report; never throws for a job-level problem. */
    public JobReport run(JobSpec spec, ProjectKeyInput key) {
        Instant started = Instant.now();
        Map<String, Long> phases = new LinkedHashMap<>();
        Path outputDir = Path.of(spec.outputDir());
        JobReport report;
        try (JobTimer timer = new JobTimer(spec.limits().seconds() * 1000L)) {
            try {
                report = execute(spec, key, timer, phases, started);
            } catch (AnalysisRejected e) {
                report = finish(started, phases, JobStatus.REJECTED, new JobError(e.code().code(), e.reason(),
                        e.position().map(p -> p.line()).orElse(null), e.position().map(p -> p.column()).orElse(null)));
            } catch (QueryInvalid e) {
                report = finish(started, phases, JobStatus.REJECTED, e.error);
            } catch (JobFailure e) {
                report = finish(started, phases, e.status(), JobError.of(e.code(), e.getMessage()));
            } catch (Exception e) {
                // Also Scala's undeclared checked exceptions (SparkException from a cancelled job).
                if (timer.expired()) {
                    report = finish(started, phases, JobStatus.FAILED, JobError.of("timeout",
                            "the job exceeded its time limit of " + spec.limits().seconds() + " s and was cancelled"));
                } else {
                    // A broken invariant or an unexpected Spark failure: say it is ours, not the researcher's.
                    System.err.println("enclave-compute: internal error: " + e);
                    e.printStackTrace(System.err);
                    report = finish(started, phases, JobStatus.FAILED, JobError.of("internal",
                            "internal error in enclave-compute (a bug); details are in the job log"));
                }
            }
        }
        ReportWriter.write(outputDir, report);
        return report;
    }

    private JobReport execute(JobSpec spec, ProjectKeyInput key, JobTimer timer, Map<String, Long> phases, Instant started) {
        long t = System.nanoTime();
        Map<String, List<String>> granted = new LinkedHashMap<>();
        for (TableSpec table : spec.tables()) {
            granted.put(table.name(), table.visibleColumns());
        }
        ValidatedAnalysis analysis = new AnalysisGuard().validate(new UnvalidatedAnalysis(spec.sql(), granted));
        // Before Spark starts: an unknown policy must not cost a data read.
        Policy policy = spec.output().kind() == OutputSpec.Kind.AGGREGATE ? AggregateEvaluation.policy(spec.policy()) : null;
        if (policy != null) {
            AggregateEvaluation.warmUp(policy);
        }
        PidFunction pid = pseudonyms(key);
        t = phase(phases, "validate", t);

        SparkSession spark = sessions.get();
        timer.watch(spark);
        t = phase(phases, "sparkStart", t);

        Map<String, List<String>> views = GrantedViews.register(spark, spec.tables(), pid);
        if (!views.equals(analysis.views())) {
            throw new IllegalStateException("bug: the views built differ from the views validated");
        }
        t = phase(phases, "views", t);

        Dataset<Row> result = execute(spark, analysis);
        Path out = Path.of(spec.outputDir());
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the output folder", e);
        }
        JobReport.Output output;
        com.fasterxml.jackson.databind.JsonNode sdc = null;
        if (spec.output().kind() == OutputSpec.Kind.ROWS) {
            List<Row> rows = new ArrayList<>(result.limit(spec.limits().maxRows() + 1).collectAsList());
            boolean truncated = rows.size() > spec.limits().maxRows();
            if (truncated) {
                rows = rows.subList(0, spec.limits().maxRows());
            }
            spark.createDataFrame(rows, result.schema()).coalesce(1).write().mode(SaveMode.Overwrite)
                    .parquet(out.resolve(RESULT_PARQUET).toString());
            output = new JobReport.Output("rows", List.of(RESULT_PARQUET), rows.size(), truncated);
        } else {
            SdcTable table = EnclaveAggregator.aggregate(spark, result, spec.output());
            t = phase(phases, "run", t);
            AggregateEvaluation evaluation = AggregateEvaluation.evaluate(policy, table, spec.output());
            t = phase(phases, "disclosure", t);
            StructType schema = MeasureTable.schema(spec.output());
            // Every cell's computed values: for viewing inside the enclave only.
            List<Row> rows = MeasureTable.rows(table, spec.output(), evaluation);
            spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
                    .parquet(out.resolve(RESULT_PARQUET).toString());
            // The release candidate: withheld cells marked, never their values.
            MeasureTable.writeCsv(out.resolve(RESULT_CSV), schema, MeasureTable.released(table, spec.output(), evaluation));
            sdc = sdcRecord(spec.policy(), table, evaluation);
            output = new JobReport.Output("aggregate", List.of(RESULT_PARQUET, RESULT_CSV), rows.size(), false);
            phase(phases, "write", t);
        }
        if (spec.output().kind() == OutputSpec.Kind.ROWS) {
            phase(phases, "run", t);
        }
        if (timer.expired()) {
            throw new JobFailure(JobStatus.FAILED, "timeout",
                    "the job exceeded its time limit of " + spec.limits().seconds() + " s", null);
        }
        return new JobReport(JobStatus.SUCCEEDED, null, started, Instant.now(), phases, output, sdc);
    }

    /**
     * The report's {@code sdc}: the policy, the table with its disclosure statistics (largest
     * contributions included, so that the API can re-check it at release time; which is why the report
     * is an enclave-internal artefact) and the evaluation with the SDC records.
     */
    private static com.fasterxml.jackson.databind.node.ObjectNode sdcRecord(String policy, SdcTable table,
                                                                          AggregateEvaluation evaluation) {
        var sdc = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        sdc.put("policy", policy);
        sdc.set("table", table.toJson());
        sdc.set("evaluation", evaluation.toJson());
        return sdc;
    }

    /**
     * Executes the very plan the guard validated (no second parse). Analysis errors in the
     * researcher's query (a column out of scope, a type mismatch) are rejections with Spark's position.
     */
    private static Dataset<Row> execute(SparkSession spark, ValidatedAnalysis analysis) {
        try {
            return org.apache.spark.sql.classic.Dataset.ofRows((org.apache.spark.sql.classic.SparkSession) spark, analysis.plan());
        } catch (Exception e) {
            if (e instanceof AnalysisException analysisError) {
                Integer line = analysisError.line().isDefined() ? (Integer) analysisError.line().get() : null;
                Integer column = analysisError.startPosition().isDefined() ? (Integer) analysisError.startPosition().get() + 1 : null;
                throw new QueryInvalid(new JobError("invalid-query", firstLine(analysisError.getSimpleMessage()), line, column));
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e);
        }
    }

    private PidFunction pseudonyms(ProjectKeyInput key) {
        return pids.apply(key);
    }

    private static long phase(Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        phases.put(name, (now - since) / 1_000_000);
        return now;
    }

    private static JobReport finish(Instant started, Map<String, Long> phases, JobStatus status, JobError error) {
        return new JobReport(status, error, started, Instant.now(), phases, null, null);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "the query is not valid";
        }
        String line = message.strip().split("\n")[0];
        int state = line.indexOf(" SQLSTATE:");
        return state > 0 ? line.substring(0, state) : line;
    }

    /** The researcher's query is valid SQL over the views but Spark's analyzer refuses it. */
    static final class QueryInvalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient JobError error;

        QueryInvalid(JobError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
