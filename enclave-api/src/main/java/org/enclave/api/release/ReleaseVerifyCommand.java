package org.enclave.api.release;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bin/enclave-api release-verify --package DIR|ZIP --public-key FILE}: checks a release package
 * offline ({@link ReleaseVerifier}) and exits 0 when valid, 1 when not (the first problem named),
 * 2 on wrong usage or an unreadable key. Starts no Spring context and needs no database.
 */
public final class ReleaseVerifyCommand {

    private ReleaseVerifyCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String pkg = null;
        String keyFile = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--package") || a.equals("--public-key")) && i + 1 < args.length) {
                if (a.equals("--package")) {
                    pkg = args[++i];
                } else {
                    keyFile = args[++i];
                }
            } else if (a.startsWith("--package=")) {
                pkg = a.substring("--package=".length());
            } else if (a.startsWith("--public-key=")) {
                keyFile = a.substring("--public-key=".length());
            } else {
                return usage(err, "unknown argument " + a);
            }
        }
        if (pkg == null || keyFile == null) {
            return usage(err, "both --package and --public-key are required");
        }
        ReleasePublicKey key;
        try {
            key = ReleasePublicKey.parse(Files.readString(Path.of(keyFile), StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException e) {
            err.println("release-verify: cannot read the public key " + keyFile + ": " + e.getMessage());
            return 2;
        }
        if (!Files.exists(Path.of(pkg))) {
            out.println("INVALID: no package at " + pkg);
            return 1;
        }
        ReleaseVerifier.Result result = ReleaseVerifier.verify(Path.of(pkg), key);
        out.println(result.summary());
        return result.valid() ? 0 : 1;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("release-verify: " + problem);
        err.println("usage: enclave-api release-verify --package DIR|ZIP --public-key FILE");
        return 2;
    }
}
