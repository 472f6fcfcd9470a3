package org.enclave.pseudonymiser.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.enclave.pseudonymiser.key.KeyRef;
import org.enclave.pseudonymiser.key.KeyStoreFile;
import org.enclave.pseudonymiser.run.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pseudonymiser keygen}: create the master-key keystore, or add a key version with --rotate. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = "Create a master key in a new password-protected keystore, or add a new version (--rotate).")
final class KeygenCommand implements Callable<Integer> {
    static final int MIN_PASSWORD = 12;

    @ParentCommand
    PseudonymiserCli parent;
    @Spec
    CommandSpec spec;
    @Mixin
    PasswordOption password;

    @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "Keystore to create (BCFKS; PKCS#12 if the name ends in .p12/.pfx).")
    Path keystore;
    @Option(names = "--key-id", paramLabel = "ID", description = "Public key id (lowercase letters, digits, dashes); default: random.")
    String keyId;
    @Option(names = "--rotate", description = "Add version n+1 to an existing keystore instead of creating one.")
    boolean rotate;

    @Override
    public Integer call() throws Exception {
        char[] pw = password.read(parent.env);
        try {
            KeyStoreFile file = new KeyStoreFile(keystore);
            KeyRef ref;
            if (rotate) {
                if (keyId != null) {
                    throw new UsageException("--key-id applies to a new keystore, not to --rotate");
                }
                ref = file.rotate(pw, new SecureRandom());
            } else {
                if (pw.length < MIN_PASSWORD) {
                    throw new UsageException("a new keystore needs a password of at least " + MIN_PASSWORD + " characters");
                }
                try {
                    ref = file.create(keyId, pw, new SecureRandom());
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
            spec.commandLine().getOut().println("pseudonymiser: keystore " + keystore + ": key " + ref.keyId()
                + " version " + ref.version());
            return PseudonymiserCli.OK;
        } finally {
            Arrays.fill(pw, '\0');
        }
    }
}
