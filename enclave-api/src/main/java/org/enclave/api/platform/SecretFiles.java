package org.enclave.api.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the API's own secrets live: one file per secret under {@code enclave.keys.dir}, holding the
 * base64 of its bytes. In production the files are provided (mounted secrets) and
 * {@code enclave.keys.generate-missing=false} makes a missing one a start-up error; on a fresh machine
 * they are generated on first start (owner-only permissions) so one command runs the API.
 *
 * <p>Raw bytes leave this class only into a typed key's constructor, which takes ownership.
 */
@Component
public class SecretFiles {

    private final Path dir;
    private final boolean generateMissing;
    private final SecureRandom random = new SecureRandom();

    public SecretFiles(@Value("${enclave.keys.dir}") Path dir,
                       @Value("${enclave.keys.generate-missing:true}") boolean generateMissing) {
        this.dir = dir;
        this.generateMissing = generateMissing;
    }

    /**
     * The secret {@code name}, exactly {@code length} bytes.
     *
     * @throws ConfigurationError when it is missing (and may not be generated) or malformed
     */
    public byte[] load(String name, int length) {
        Path file = dir.resolve(name + ".key");
        try {
            if (!Files.exists(file)) {
                if (!generateMissing) {
                    throw new ConfigurationError("secret " + file + " is missing and enclave.keys.generate-missing is false");
                }
                generate(file, length);
            }
            byte[] bytes = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (bytes.length != length) {
                Arrays.fill(bytes, (byte) 0);
                throw new ConfigurationError("secret " + file + " must hold " + length + " bytes (base64)");
            }
            return bytes;
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationError("cannot read secret " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private void generate(Path file, int length) throws IOException {
        Files.createDirectories(dir);
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return;
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.TRUNCATE_EXISTING);
        Arrays.fill(bytes, (byte) 0);
    }
}
