package org.enclave.policies.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.enclave.policies.check.SecondarySuppressor;
import org.enclave.policies.record.ToolVersion;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code policies}: disclosure-control tools. One subcommand, {@code check}
 * (docs/policies.md, "Command line").
 *
 * <p>Exit status: 0 pass, 3 review, 4 fail, 2 bad input (table, policy or usage), 70 internal error.
 * Errors are one line on standard error; never a stack trace.
 */
@Command(name = "policies", mixinStandardHelpOptions = true, versionProvider = PoliciesCli.Version.class,
        description = "Statistical disclosure control for tables computed in the enclave.")
public final class PoliciesCli implements Runnable {

    /** Bad input: unreadable or inconsistent table, unknown or invalid policy, wrong usage. */
    public static final int EXIT_BAD_INPUT = 2;
    /** A bug: something the code assumed was broken. */
    public static final int EXIT_INTERNAL = 70;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(args, out, err, System.in, SecondarySuppressor.standard()));
    }

    /**
     * Runs the CLI in-process.
     *
     * @param stdin      read when {@code --table -}
     * @param suppressor the secondary-suppression step
     * @return the exit status
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, InputStream stdin, SecondarySuppressor suppressor) {
        CommandLine cl = new CommandLine(new PoliciesCli());
        cl.addSubcommand("check", new CheckCommand(suppressor, stdin));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("policies: internal error (a bug, please report it): " + e.getClass().getName());
            commandLine.getErr().flush();
            return EXIT_INTERNAL;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (Error e) {
            // IMPORTANT: the CLI user never sees a stack trace, not even for an Error picocli rethrows.
            err.println("policies: internal error (a bug, please report it): " + e.getClass().getName());
            code = EXIT_INTERNAL;
        }
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (check)");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ToolVersion.NAME + " " + ToolVersion.version()};
        }
    }
}
