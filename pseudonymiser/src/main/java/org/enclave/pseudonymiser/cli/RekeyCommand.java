package org.enclave.pseudonymiser.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.enclave.pseudonymiser.key.KeyStoreFile;
import org.enclave.pseudonymiser.key.MasterKeyChain;
import org.enclave.pseudonymiser.run.Rekeyer;
import org.enclave.pseudonymiser.run.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pseudonymiser rekey}: bring a run's CSNS to the keystore's latest key version, without the NIRs. */
@Command(name = "rekey", mixinStandardHelpOptions = true,
    description = "Re-key the CSNS of a finished run to the keystore's latest key version (after keygen --rotate).")
final class RekeyCommand implements Callable<Integer> {
    @ParentCommand
    PseudonymiserCli parent;
    @Spec
    CommandSpec spec;
    @Mixin
    PasswordOption password;

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "A finished run (verified first).")
    Path input;
    @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "The master-key keystore.")
    Path keystore;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder for the re-keyed run.")
    Path output;
    @Option(names = "--replace", description = "Replace a finished run already in the output folder.")
    boolean replace;

    @Override
    public Integer call() throws Exception {
        char[] pw = password.read(parent.env);
        MasterKeyChain keys;
        try {
            keys = new KeyStoreFile(keystore).load(pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
        try {
            RunResult r = Rekeyer.rekey(input, keys, output, replace);
            spec.commandLine().getOut().println(String.format(Locale.ROOT,
                "pseudonymiser: re-keyed %,d rows to key %s v%d in %.2f s -> %s", r.rowsOut(), r.key().keyId(),
                r.key().version(), r.seconds(), r.output()));
            return PseudonymiserCli.OK;
        } finally {
            keys.destroy();
        }
    }
}
