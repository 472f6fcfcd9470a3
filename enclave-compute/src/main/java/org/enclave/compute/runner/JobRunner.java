package org.enclave.compute.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.enclave.compute.aggregate.ResultParquet;
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
import org.enclave.compute.job.RowsJson;
import org.enclave.compute.job.ReportWriter;
import org.enclave.compute.job.TableSpec;
import org.enclave.compute.views.GrantedViews;
import org.enclave.compute.views.OpaqueUnit;
import org.enclave.compute.views.PidFunction;
import org.enclave.compute.views.ProjectKeyInput;
import org.enclave.compute.views.ScanCheck;
import org.enclave.policies.policy.Policy;

/**
 * Runs one job: validate the SQL (before Spark even starts), build the granted views, execute the
 * validated plan under the time limit, write the outputs, then {@code report.json} last.
 */
public final class JobRunner {

    public static final String RESULT_PARQUET = "result.parquet";
    public static final String RESULT_CSV = "result.csv";

    /** How long a cancelled job may take to stop before the process ends without it. */
    public static final long DEFAULT_GRACE_MILLIS = 30_000;

    /** Ends the process (production: {@link Runtime#halt}, which runs no shutdown hook that could block). */
    @FunctionalInterface
    public interface Halt {
        void halt(int status);
    }

    private final Supplier<SparkSession> sessions;
    private final Function<ProjectKeyInput, PidFunction> pids;
    private final long graceMillis;
    private final Halt halt;

    /**
     * @param sessions gives the job's Spark session (configured by {@link SparkSessions})
     * @param pids     builds the pseudonym function from the project key
     *                 ({@link org.enclave.compute.views.ProjectPseudonyms#forProjectKey} in production)
     */
    public JobRunner(Supplier<SparkSession> sessions, Function<ProjectKeyInput, PidFunction> pids) {
        this(sessions, pids, DEFAULT_GRACE_MILLIS, status -> Runtime.getRuntime().halt(status));
    }

    /**
     * @param graceMillis how long after the time limit's cancellation the job may take to stop
     * @param halt        called with exit status 1 after the timeout report, when the job did not stop in time
     */
    public JobRunner(Supplier<SparkSession> sessions, Function<ProjectKeyInput, PidFunction> pids, long graceMillis, Halt halt) {
        this.sessions = sessions;
        this.pids = pids;
        this.graceMillis = graceMillis;
        this.halt = halt;
    }

    /**
     * Runs the job and writes its report; never throws for a job-level problem. When a job does not stop
     * within the grace period after its time limit, the timeout report is written from the timer's thread
     * and the process is halted: this method then never returns.
     */
    public JobReport run(JobSpec spec, ProjectKeyInput key) {
        Instant started = Instant.now();
        Map<String, Long> ordered = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        Path outputDir = Path.of(spec.outputDir());
        // Exactly one report: the job's own, or the timeout report of a job that would not stop.
        AtomicBoolean reported = new AtomicBoolean();
        JobReport report;
        Runnable stuck = () -> {
            if (reported.compareAndSet(false, true)) {
                ReportWriter.write(outputDir, finish(started, snapshot(ordered), JobStatus.FAILED, timeout(spec,
                        " and did not stop within " + graceMillis / 1000 + " s of its cancellation")));
                System.err.println("enclave-compute: timeout: the job did not stop after its cancellation; exiting");
                halt.halt(JobStatus.FAILED.exitCode());
            }
        };
        try (JobTimer timer = new JobTimer(spec.limits().seconds() * 1000L, graceMillis, stuck)) {
            try {
                report = execute(spec, key, timer, ordered, started);
            } catch (AnalysisRejected e) {
                report = finish(started, snapshot(ordered), JobStatus.REJECTED, new JobError(e.code().code(), e.reason(),
                        e.position().map(p -> p.line()).orElse(null), e.position().map(p -> p.column()).orElse(null)));
            } catch (QueryInvalid e) {
                report = finish(started, snapshot(ordered), JobStatus.REJECTED, e.error);
            } catch (JobFailure e) {
                report = finish(started, snapshot(ordered), e.status(), JobError.of(e.code(), e.getMessage()));
            } catch (Exception e) {
                // Also Scala's undeclared checked exceptions (SparkException from a cancelled job).
                if (timer.expired()) {
                    report = finish(started, snapshot(ordered), JobStatus.FAILED, timeout(spec, " and was cancelled"));
                } else {
                    // A broken invariant or an unexpected Spark failure: say it is ours, not the researcher's.
                    System.err.println("enclave-compute: internal error: " + e);
                    e.printStackTrace(System.err);
                    report = finish(started, snapshot(ordered), JobStatus.FAILED, JobError.of("internal",
                            "internal error in enclave-compute (a bug); details are in the job log"));
                }
            }
            timer.finish();
        }
        if (!reported.compareAndSet(false, true)) {
            // The timer wrote the timeout report and is ending the process.
            return finish(started, snapshot(ordered), JobStatus.FAILED, timeout(spec, " and did not stop in time"));
        }
        ReportWriter.write(outputDir, report);
        return report;
    }

    /** The aggregate's columns whose values are published: its dimensions and its measure. */
    private static List<String> released(OutputSpec output) {
        List<String> columns = new ArrayList<>(output.groupBy());
        output.measureColumn().ifPresent(columns::add);
        return columns;
    }

    private static JobError timeout(JobSpec spec, String how) {
        return JobError.of("timeout", "the job exceeded its time limit of " + spec.limits().seconds() + " s" + how);
    }

    private static Map<String, Long> snapshot(Map<String, Long> phases) {
        synchronized (phases) {
            return new LinkedHashMap<>(phases);
        }
    }

    private JobReport execute(JobSpec spec, ProjectKeyInput key, JobTimer timer, Map<String, Long> phases, Instant started) {
        long t = System.nanoTime();
        // Spark's start (3-7 s, mostly class loading and JIT) needs nothing from the checks below, nor they
        // from it: start it at once on its own thread. A refused analysis still reads no data; it only
        // leaves a session starting, which the process's exit ends (ComputeCli).
        CompletableFuture<SparkSession> session = startSession();
        Map<String, List<String>> granted = new LinkedHashMap<>();
        for (TableSpec table : spec.tables()) {
            granted.put(table.name(), table.visibleColumns());
        }
        ValidatedAnalysis analysis = new AnalysisGuard().validate(new UnvalidatedAnalysis(spec.sql(), granted));
        // Before any data is read: an unknown policy must not cost a data read.
        Policy policy = spec.output().kind() == OutputSpec.Kind.AGGREGATE ? AggregateEvaluation.policy(spec.policy()) : null;
        if (policy != null) {
            AggregateEvaluation.warmUp(policy);
        }
        PidFunction pid = pseudonyms(key);
        t = phase(phases, "validate", t);

        // "sparkStart" is what is left of the start once the checks are done.
        SparkSession spark = await(session);
        timer.watch(spark);
        t = phase(phases, "sparkStart", t);
        // Small inputs run with settings that favour a fast start over throughput (SparkSessions).
        SparkSessions.sizeForInput(spark, spec.tables().stream().map(TableSpec::path).toList());

        GrantedViews.Lake lake = GrantedViews.read(spark, spec.tables(), pid);
        Map<String, List<String>> views = lake.visible();
        if (!views.equals(analysis.views())) {
            throw new IllegalStateException("bug: the views built differ from the views validated");
        }
        t = phase(phases, "views", t);

        Map<String, String> execution = new LinkedHashMap<>();
        Dataset<Row> result = null;
        if (spec.output().kind() == OutputSpec.Kind.AGGREGATE) {
            // An aggregate whose pid is an opaque unit runs over the CSNS: the same statistics, without
            // the HMAC of every row, and in the lake's CSNS order (OpaqueUnit). Never for rows.
            lake.install(GrantedViews.Unit.CSNS);
            Dataset<Row> overCsns = execute(spark, analysis);
            var scans = ScanCheck.granted(spark, views.keySet());
            ScanCheck.check(overCsns.queryExecution().analyzed(), scans);
            java.util.Optional<String> notOpaque = OpaqueUnit.check(overCsns.queryExecution().analyzed(), scans,
                    spec.output().unit(), released(spec.output()));
            if (notOpaque.isEmpty()) {
                result = overCsns;
                execution.put("unit", "csns");
            } else {
                execution.put("unit", "pseudonym");
                execution.put("unitNote", notOpaque.get());
            }
        }
        if (result == null) {
            lake.install(GrantedViews.Unit.PSEUDONYM);
            result = execute(spark, analysis);
            // Defence in depth: only the views' own scans (or literal data) may be under the analysed plan.
            ScanCheck.check(result.queryExecution().analyzed(), ScanCheck.granted(spark, views.keySet()));
        }
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
            RowsJson.write(out, result.schema(), rows);
            output = new JobReport.Output("rows", List.of(RESULT_PARQUET, RowsJson.FILE), rows.size(), truncated);
        } else {
            EnclaveAggregator.Result computed = EnclaveAggregator.aggregate(spark, result, spec.output(),
                    "csns".equals(execution.get("unit")));
            SdcTable table = computed.table();
            execution.put("statistics", computed.method().json());
            if (computed.reader() != null) {
                execution.put("reader", computed.reader().json());
            }
            if (computed.note() != null) {
                execution.put("statisticsNote", computed.note());
            }
            t = phase(phases, "run", t);
            AggregateEvaluation evaluation = AggregateEvaluation.evaluate(policy, table, spec.output());
            t = phase(phases, "disclosure", t);
            StructType schema = MeasureTable.schema(spec.output());
            // Every cell's computed values: for viewing inside the enclave only.
            List<Row> rows = MeasureTable.rows(table, spec.output(), evaluation);
            ResultParquet.write(out.resolve(RESULT_PARQUET), schema, rows);
            // The release candidate: withheld cells marked, never their values.
            MeasureTable.writeCsv(out.resolve(RESULT_CSV), schema, MeasureTable.released(table, spec.output(), evaluation));
            sdc = sdcRecord(spec.policy(), table, evaluation);
            output = new JobReport.Output("aggregate", List.of(RESULT_PARQUET, RESULT_CSV), rows.size(), false, execution);
            phase(phases, "write", t);
        }
        if (spec.output().kind() == OutputSpec.Kind.ROWS) {
            phase(phases, "run", t);
        }
        if (timer.expired()) {
            throw new JobFailure(JobStatus.FAILED, "timeout",
                    "the job exceeded its time limit of " + spec.limits().seconds() + " s", null);
        }
        return new JobReport(JobStatus.SUCCEEDED, null, started, Instant.now(), snapshot(phases), output, sdc);
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

    private CompletableFuture<SparkSession> startSession() {
        CompletableFuture<SparkSession> session = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                session.complete(sessions.get());
            } catch (Throwable e) {
                session.completeExceptionally(e);
            }
        }, "enclave-spark-start");
        starter.setDaemon(true);
        starter.start();
        return session;
    }

    private static SparkSession await(CompletableFuture<SparkSession> session) {
        try {
            return session.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Spark starts", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Spark failed to start", e.getCause());
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
