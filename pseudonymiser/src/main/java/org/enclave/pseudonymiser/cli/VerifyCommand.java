package org.enclave.pseudonymiser.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.enclave.pseudonymiser.run.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pseudonymiser verify DIR}: re-read a run and check it against its manifest. Exit 1 on any mismatch. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Re-read an output folder and check counts and checksums against its manifest.")
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Output folder of a run.")
    Path folder;

    @Override
    public Integer call() throws Exception {
        Verifier.Report r = Verifier.verify(folder);
        if (r.ok()) {
            spec.commandLine().getOut().println(String.format(Locale.ROOT,
                "pseudonymiser: verify %s: OK (%d files; %,d rows in = %,d out + %,d quarantined)", folder, r.files(),
                r.rowsIn(), r.rowsOut(), r.rowsQuarantined()));
            return PseudonymiserCli.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("pseudonymiser: verify " + folder + ": " + r.problems().size() + " problem(s)");
        r.problems().forEach(p -> err.println("  " + p));
        return PseudonymiserCli.FAILED;
    }
}
