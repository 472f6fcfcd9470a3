package org.enclave.compute.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.enclave.compute.job.JobFailure;
import org.enclave.compute.job.JobReport;
import org.enclave.compute.job.JobSpec;
import org.enclave.compute.job.JobSpecParser;
import org.enclave.compute.job.JobStatus;
import org.enclave.compute.job.SpecInvalid;
import org.enclave.compute.runner.JobRunner;
import org.enclave.compute.runner.SparkSessions;
import org.enclave.compute.views.PidFunction;
import org.enclave.compute.views.ProjectKeyInput;
import org.enclave.compute.views.ProjectPseudonyms;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code enclave-compute run --spec FILE [--project-key-file FILE] [--master URL] [--spark-secret-file FILE]}: runs one job as this
 * process (the Spark driver) and writes its report. Exit status: 0 succeeded, 2 rejected, 1 failed
 * (also for a spec or key that cannot be read, when no report can be written).
 *
 * <p>The project key is read from standard input, or from {@code --project-key-file}: never from an
 * option value or the environment, where other local users and process listings could see it.
 */
@Command(name = "enclave-compute", mixinStandardHelpOptions = true, subcommands = ComputeCli.Run.class,
        description = "Runs guarded Spark analyses inside the enclave.")
public final class ComputeCli implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return JobStatus.FAILED.exitCode();
    }

    public static void main(String[] args) {
        int status = execute(args, System.in, System.out, System.err, ProjectPseudonyms::forProjectKey);
        exit(status);
    }

    /** How long the JVM's shutdown (Spark's hooks) may take once the report is written. */
    static final long EXIT_GRACE_MILLIS = 15_000;

    /**
     * Exits with the job's status. The report is already on disk: if Spark's shutdown hooks hang (a
     * session still starting after a refusal, a task that ignores its cancellation), the process is
     * halted after a grace period rather than left running.
     */
    private static void exit(int status) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(EXIT_GRACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(status);
        }, "enclave-exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        System.exit(status);
    }

    /** In-process entry point (tests inject the pseudonym function; production uses {@link ProjectPseudonyms}). */
    public static int execute(String[] args, InputStream stdin, PrintStream out, PrintStream err,
                              Function<ProjectKeyInput, PidFunction> pids) {
        CommandLine cli = new CommandLine(new ComputeCli(), new Factory(stdin, out, err, pids));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExitCodeExceptionMapper(e -> JobStatus.FAILED.exitCode());
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("enclave-compute: " + e.getMessage());
            return JobStatus.FAILED.exitCode();
        });
        return cli.execute(args);
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run one job from a spec and write its report.")
    static final class Run implements Callable<Integer> {

        @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The job spec (JSON).")
        Path spec;

        @Option(names = "--project-key-file", paramLabel = "FILE",
                description = "File holding the project key (base64); default: read it from standard input.")
        Path keyFile;

        @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
                description = "Spark master: local[*] (default) or spark://HOST:PORT.")
        String master;

        @Option(names = "--spark-secret-file", paramLabel = "FILE",
                description = "For a spark:// master: the cluster's shared secret (infra/spark/start.sh writes it).")
        Path sparkSecretFile;

        private final InputStream stdin;
        private final PrintStream out;
        private final PrintStream err;
        private final Function<ProjectKeyInput, PidFunction> pids;

        Run(InputStream stdin, PrintStream out, PrintStream err, Function<ProjectKeyInput, PidFunction> pids) {
            this.stdin = stdin;
            this.out = out;
            this.err = err;
            this.pids = pids;
        }

        @Override
        public Integer call() {
            JobSpec job;
            try {
                job = JobSpecParser.parse(Files.readString(spec, StandardCharsets.UTF_8));
            } catch (SpecInvalid e) {
                err.println("enclave-compute: invalid-spec: " + e.getMessage());
                return JobStatus.FAILED.exitCode();
            } catch (IOException e) {
                err.println("enclave-compute: invalid-spec: cannot read " + spec);
                return JobStatus.FAILED.exitCode();
            }
            try (ProjectKeyInput key = keyFile != null ? ProjectKeyInput.read(keyFile) : ProjectKeyInput.read(stdin)) {
                JobReport report = new JobRunner(() -> SparkSessions.start(master, sparkSecretFile), pids).run(job, key);
                out.println(report.status().json() + (report.error() == null ? "" : " " + report.error().code())
                        + " " + Path.of(job.outputDir()).resolve("report.json"));
                return report.status().exitCode();
            } catch (JobFailure e) {
                err.println("enclave-compute: " + e.code() + ": " + e.getMessage());
                return e.status().exitCode();
            }
        }
    }

    /** Gives the run command its streams and pseudonym factory. */
    private record Factory(InputStream stdin, PrintStream out, PrintStream err,
                           Function<ProjectKeyInput, PidFunction> pids) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == Run.class) {
                return type.cast(new Run(stdin, out, err, pids));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
