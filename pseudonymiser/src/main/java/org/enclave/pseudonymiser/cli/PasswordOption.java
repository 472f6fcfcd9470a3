package org.enclave.pseudonymiser.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.enclave.pseudonymiser.run.UsageException;
import picocli.CommandLine.Option;

/**
 * The keystore password comes from {@code --password-file FILE} (first line) or the environment variable
 * {@value #ENV}, never from the command line (where it would show in process listings and shell history).
 */
final class PasswordOption {
    static final String ENV = "ENCLAVE_KEYSTORE_PASSWORD";

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "File whose first line is the keystore password (else $" + ENV + ").")
    Path passwordFile;

    char[] read(Map<String, String> env) throws UsageException {
        String pw;
        if (passwordFile != null) {
            try {
                String all = Files.readString(passwordFile, StandardCharsets.UTF_8);
                int nl = all.indexOf('\n');
                pw = (nl >= 0 ? all.substring(0, nl) : all).replace("\r", "");
            } catch (IOException e) {
                throw new UsageException("cannot read the password file " + passwordFile);
            }
        } else {
            pw = env.get(ENV);
            if (pw == null) {
                throw new UsageException("no keystore password: set " + ENV + " or pass --password-file FILE");
            }
        }
        if (pw.isEmpty()) {
            throw new UsageException("the keystore password is empty");
        }
        return pw.toCharArray();
    }
}
