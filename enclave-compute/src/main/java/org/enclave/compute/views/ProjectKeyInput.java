package org.enclave.compute.views;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.enclave.compute.job.JobFailure;

/**
 * The project key as handed to a job: 32 random bytes, base64, on standard input or in a file named by
 * {@code --project-key-file}; never on the command line, in the environment, in the spec or in the
 * report. Held only in memory for the job and wiped by {@link #destroy()}.
 *
 * <p>IMPORTANT: this class is compute's receiving end only. The typed key and the pseudonym itself
 * belong to the pseudonymiser module; see {@link ProjectPseudonyms#forProjectKey(ProjectKeyInput)}.
 */
public final class ProjectKeyInput implements AutoCloseable {

    /** 256 bits. */
    public static final int LENGTH = 32;

    /** base64 of 32 bytes is 44 characters; allow surrounding whitespace and a newline, nothing more. */
    private static final int MAX_INPUT = 256;

    private final byte[] key;

    private ProjectKeyInput(byte[] key) {
        this.key = key;
    }

    /** Reads the key from a stream (standard input); the stream is read to its end. */
    public static ProjectKeyInput read(InputStream in) {
        try {
            byte[] raw = in.readNBytes(MAX_INPUT + 1);
            return decode(raw);
        } catch (IOException e) {
            throw JobFailure.failed("invalid-key", "cannot read the project key from standard input");
        }
    }

    /** Reads the key from a file. */
    public static ProjectKeyInput read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return decode(in.readNBytes(MAX_INPUT + 1));
        } catch (IOException e) {
            throw JobFailure.failed("invalid-key", "cannot read the project key file");
        }
    }

    private static ProjectKeyInput decode(byte[] raw) {
        try {
            if (raw.length > MAX_INPUT) {
                throw JobFailure.failed("invalid-key", "the project key input is too long");
            }
            String text = new String(raw, StandardCharsets.US_ASCII).strip();
            byte[] key;
            try {
                key = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                // IMPORTANT: never echo the input, it may be a key.
                throw JobFailure.failed("invalid-key", "the project key is not base64");
            }
            if (key.length != LENGTH) {
                Arrays.fill(key, (byte) 0);
                throw JobFailure.failed("invalid-key", "the project key must be " + LENGTH + " bytes");
            }
            return new ProjectKeyInput(key);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * The key bytes, for the one place that builds the pseudonym function. Greppable on purpose.
     * The caller must not keep or log the array.
     */
    byte[] exposeKeyBytes() {
        return key.clone();
    }

    /** Constant-time comparison. */
    public boolean sameKeyAs(ProjectKeyInput other) {
        return MessageDigest.isEqual(key, other.key);
    }

    /** Overwrites the key in memory. */
    public void destroy() {
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "ProjectKeyInput[redacted]";
    }
}
