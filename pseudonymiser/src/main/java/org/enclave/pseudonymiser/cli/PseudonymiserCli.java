package org.enclave.pseudonymiser.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.enclave.pseudonymiser.io.InputException;
import org.enclave.pseudonymiser.key.KeyStoreException;
import org.enclave.pseudonymiser.run.Manifest;
import org.enclave.pseudonymiser.run.RunFailedException;
import org.enclave.pseudonymiser.run.UsageException;
import org.enclave.pseudonymiser.schema.SchemaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code pseudonymiser run|keygen|rekey|verify|synth} (docs/pseudonymiser.md). Exit status: 0 the command completed
 * (a run with quarantined rows is complete), 2 usage or schema error, 1 failed run. No stack traces for user
 * errors; an unexpected exception is reported as a bug by class name only (its message could hold data).
 */
@Command(name = "pseudonymiser", mixinStandardHelpOptions = true, versionProvider = PseudonymiserCli.Version.class,
    description = "Pseudonymises identified datasets (NIR -> CSNS) for the enclave lake.",
    subcommands = {RunCommand.class, KeygenCommand.class, RekeyCommand.class, VerifyCommand.class,
        SynthCommand.class})
public final class PseudonymiserCli implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    final Map<String, String> env;

    public PseudonymiserCli(Map<String, String> env) {
        this.env = env;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI in-process (tests use this with their own environment map). */
    public static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new PseudonymiserCli(env));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(t -> USAGE);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter w = commandLine.getErr();
            if (e instanceof UsageException || e instanceof SchemaException) {
                w.println("pseudonymiser: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof RunFailedException || e instanceof KeyStoreException || e instanceof InputException) {
                w.println("pseudonymiser: run failed: " + e.getMessage());
                return FAILED;
            }
            if (e instanceof java.io.IOException) {
                w.println("pseudonymiser: run failed: I/O error (" + e.getClass().getSimpleName() + ")");
                return FAILED;
            }
            w.println("pseudonymiser: internal error (a bug): " + e.getClass().getName()
                + "; nothing was published");
            return FAILED;
        });
        return cl.execute(args);
    }

    /** Version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pseudonymiser " + Manifest.toolVersion()};
        }
    }
}
