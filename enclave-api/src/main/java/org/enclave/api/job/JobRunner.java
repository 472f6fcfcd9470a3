package org.enclave.api.job;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.enclave.api.project.ProjectKey;
import org.enclave.api.project.ProjectKeyVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs jobs: at most {@code enclave.jobs.max-concurrent} compute processes at once, the others wait
 * in submission order. Each worker starts a job (QUEUED to RUNNING), launches its process with the
 * project key on standard input, waits at most the job's limit plus {@code enclave.jobs.kill-grace}
 * (compute enforces the limit itself; this is the backstop, which kills the process tree), reads
 * {@code report.json} and finishes the job. Cancelling kills the process; the job's state was already
 * set in the cancelling transaction, so the worker's late "finish" is a no-op.
 */
@Component
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JobExecutions executions;
    private final ComputeLauncher launcher;
    private final ProjectKeyVault vault;
    private final JobSettings settings;
    private final boolean recoverOnStart;
    private final ThreadPoolExecutor pool;
    private final Set<JobId> pending = ConcurrentHashMap.newKeySet();
    private final Map<JobId, Process> running = new ConcurrentHashMap<>();
    private final Set<JobId> killed = ConcurrentHashMap.newKeySet();
    private volatile boolean paused;

    JobRunner(JobExecutions executions, ComputeLauncher launcher, ProjectKeyVault vault,
              JobSettings settings, @Value("${enclave.jobs.recover-on-start:true}") boolean recoverOnStart) {
        this.executions = executions;
        this.launcher = launcher;
        this.vault = vault;
        this.settings = settings;
        this.recoverOnStart = recoverOnStart;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.maxConcurrent(), settings.maxConcurrent(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "enclave-job-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        if (recoverOnStart) {
            recover();
        }
    }

    /** Fails jobs left RUNNING by a previous process and takes up the QUEUED ones again. */
    public void recover() {
        executions.recover().forEach(this::enqueue);
    }

    /** Hands a committed QUEUED job to the workers (a no-op when paused or already handed). */
    public void enqueue(JobId id) {
        if (!paused && pending.add(id)) {
            pool.execute(() -> {
                pending.remove(id);
                try {
                    run(id);
                } catch (RuntimeException e) {
                    log.error("job {}: the runner failed; the job is failed as internal", id, e);
                    safeFinish(id, JobExecutions.Result.failed("internal", "internal error in the job runner (a bug)"));
                }
            });
        }
    }

    /**
     * Stops handing out queued jobs (maintenance, tests): they stay QUEUED, and {@link #resume} (or a
     * restart) takes them up. Running jobs go on.
     */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        recoverQueuedOnly();
    }

    private void recoverQueuedOnly() {
        executions.queued().forEach(this::enqueue);
    }

    /** Kills the job's process if it runs here (after its cancellation committed). */
    public void kill(JobId id) {
        killed.add(id);
        Process p = running.get(id);
        if (p != null) {
            ComputeLauncher.destroyTree(p.toHandle());
        }
    }

    /** Jobs whose process runs now. */
    public int runningCount() {
        return running.size();
    }

    private void run(JobId id) {
        JobExecutions.Start start = executions.begin(id).orElse(null);
        if (start == null) {
            return;
        }
        Path folder = start.folder();
        Path computeLog = folder.resolve("compute.log");
        Process process;
        try (ProjectKey key = vault.unwrap(start.project())) {
            Files.createDirectories(folder);
            process = launcher.launch(folder.resolve(JobService.SPEC), computeLog, key);
        } catch (IOException | RuntimeException e) {
            log.warn("job {}: compute could not be started: {}", id, e.toString());
            safeFinish(id, JobExecutions.Result.failed("launch-failed",
                    "the compute process could not be started; operators: see the API log"));
            return;
        }
        running.put(id, process);
        try {
            executions.attach(id, process.pid());
            if (killed.contains(id)) {
                ComputeLauncher.destroyTree(process.toHandle());
            }
            long deadline = start.limitSeconds() * 1000L + settings.killGrace().toMillis();
            boolean exited = process.waitFor(deadline, TimeUnit.MILLISECONDS);
            if (!exited) {
                ComputeLauncher.destroyTree(process.toHandle());
                safeFinish(id, JobExecutions.Result.failed("timeout", "the job exceeded its time limit of "
                        + start.limitSeconds() + " s and was stopped"));
                return;
            }
            if (killed.contains(id)) {
                return; // cancelled: its state is already CANCELLED
            }
            safeFinish(id, outcome(start, process.exitValue()));
        } catch (InterruptedException e) {
            ComputeLauncher.destroyTree(process.toHandle());
            Thread.currentThread().interrupt();
        } finally {
            running.remove(id);
            killed.remove(id);
        }
    }

    /** Reads the report compute wrote last; no report means compute could not even start the job. */
    static JobExecutions.Result outcome(JobExecutions.Start start, int exit) {
        Path reportFile = start.folder().resolve("report.json");
        if (!Files.isRegularFile(reportFile)) {
            return JobExecutions.Result.failed("no-report", "compute ended (exit " + exit + ") without a report; "
                    + "operators: see the job's compute.log");
        }
        String text;
        JsonNode report;
        try {
            text = Files.readString(reportFile);
            report = JSON.readTree(text);
        } catch (IOException | RuntimeException e) {
            return JobExecutions.Result.failed("no-report", "compute's report is unreadable");
        }
        String status = report.path("status").asString("");
        JsonNode error = report.path("error");
        if (!status.equals("succeeded")) {
            return new JobExecutions.Result(JobState.FAILED, new JobError(error.path("code").asString("internal"),
                    error.path("message").asString("the job failed"), error.path("line").isInt() ? error.get("line").asInt() : null,
                    error.path("column").isInt() ? error.get("column").asInt() : null, status.equals("rejected")),
                    text, 0, false);
        }
        long count = report.path("output").path("rows").asLong(0);
        boolean truncated = report.path("output").path("truncated").asBoolean(false);
        // Compute writes a rows job's rows as JSON lines for viewing (docs/job-contract.md).
        if (start.kind() == Job.Kind.ROWS && !Files.isRegularFile(start.folder().resolve(JobResults.ROWS_FILE))) {
            log.warn("job {}: the job wrote no {}", start.job(), JobResults.ROWS_FILE);
            return new JobExecutions.Result(JobState.FAILED, JobError.system("rows-unreadable",
                    "the job's rows could not be prepared for viewing"), text, 0, false);
        }
        return new JobExecutions.Result(JobState.SUCCEEDED, null, text, count, truncated);
    }

    private void safeFinish(JobId id, JobExecutions.Result result) {
        try {
            executions.finish(id, result);
        } catch (RuntimeException e) {
            log.error("job {}: could not record its end; it is failed at the next restart", id, e);
        }
    }

    /** The API's processes end with it: kill what runs (restart recovery fails those jobs). */
    @PreDestroy
    void shutdown() {
        paused = true;
        pool.shutdownNow();
        running.values().forEach(p -> ComputeLauncher.destroyTree(p.toHandle()));
    }
}
