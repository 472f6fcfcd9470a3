package org.enclave.pseudonymiser.key;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The master key's password-protected keystore file: Bouncy Castle's BCFKS (FIPS-style, PBKDF2 + AES-CCM
 * protected; the default) or PKCS#12 when the file name ends in {@code .p12} or {@code .pfx}.
 *
 * <p>Each master key version is one secret-key entry with alias {@code csns.<key id>.v<version>}; the key id and
 * versions are therefore readable by whoever holds the password, and written to each run's manifest.
 * Writes go to a temporary file in the same folder and are moved into place, so a crash never leaves a
 * half-written keystore. The password is a {@code char[]} the caller zeroes; it never appears in a message.
 */
public final class KeyStoreFile {
    private static final Pattern ALIAS = Pattern.compile("csns\\.([a-z0-9][a-z0-9-]{0,63})\\.v([0-9]{1,6})");
    private static final String ALGORITHM = "HmacSHA256";

    private final Path path;

    public KeyStoreFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /**
     * Creates a new keystore holding version 1 of a fresh random master key.
     *
     * @param keyId    public key id, or null for a random one
     * @param password never stored; the caller zeroes it
     * @return the reference of the created key
     * @throws KeyStoreException if the file exists or cannot be written
     */
    public KeyRef create(String keyId, char[] password, SecureRandom random) throws KeyStoreException {
        if (Files.exists(path)) {
            throw new KeyStoreException("keystore " + path + " already exists; refusing to overwrite a master key"
                + " (use --rotate to add a version)");
        }
        String id = keyId != null ? keyId : randomId(random);
        KeyRef ref = new KeyRef(id, 1);
        try {
            KeyStore ks = newKeyStore();
            ks.load(null, password);
            putNewKey(ks, ref, password, random);
            write(ks, password, false);
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyStoreException("cannot create keystore " + path + ": " + safe(e), e);
        }
        return ref;
    }

    /**
     * Adds version n+1 of the key to an existing keystore (key rotation). Existing versions stay: they are needed
     * to compute the chain for new runs and to re-key datasets still at an older version.
     */
    public KeyRef rotate(char[] password, SecureRandom random) throws KeyStoreException {
        MasterKeyChain chain = load(password);
        try {
            KeyRef next = new KeyRef(chain.keyId(), chain.latest().version() + 1);
            KeyStore ks = openKeyStore(password);
            putNewKey(ks, next, password, random);
            write(ks, password, true);
            return next;
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyStoreException("cannot update keystore " + path + ": " + safe(e), e);
        } finally {
            chain.destroy();
        }
    }

    /**
     * Opens the keystore and returns every version of its master key.
     *
     * @throws KeyStoreException for a missing file, a wrong password or a file that is not a keystore of ours
     */
    public MasterKeyChain load(char[] password) throws KeyStoreException {
        try {
            KeyStore ks = openKeyStore(password);
            List<MasterKey> keys = new ArrayList<>();
            String id = null;
            for (String alias : Collections.list(ks.aliases())) {
                Matcher m = ALIAS.matcher(alias.toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    continue;
                }
                if (id != null && !id.equals(m.group(1))) {
                    throw new KeyStoreException("keystore " + path + " holds more than one master key id");
                }
                id = m.group(1);
                Key k = ks.getKey(alias, password);
                byte[] raw = k.getEncoded();
                try {
                    keys.add(new MasterKey(new KeyRef(id, Integer.parseInt(m.group(2))), raw));
                } finally {
                    Arrays.fill(raw, (byte) 0);
                }
            }
            if (keys.isEmpty()) {
                throw new KeyStoreException("keystore " + path + " holds no CSNS master key");
            }
            keys.sort((a, b) -> Integer.compare(a.ref().version(), b.ref().version()));
            try {
                return new MasterKeyChain(keys);
            } catch (IllegalArgumentException e) {
                throw new KeyStoreException("keystore " + path + " has a gap in its key versions");
            }
        } catch (UnrecoverableKeyException e) {
            throw new KeyStoreException("cannot open keystore " + path + ": wrong password", e);
        } catch (GeneralSecurityException e) {
            throw new KeyStoreException("cannot open keystore " + path + ": " + safe(e), e);
        }
    }

    private KeyStore openKeyStore(char[] password) throws KeyStoreException, GeneralSecurityException {
        KeyStore ks = newKeyStore();
        try (InputStream in = Files.newInputStream(path)) {
            ks.load(in, password);
        } catch (NoSuchFileException e) {
            throw new KeyStoreException("keystore " + path + " does not exist (create it with: pseudonymiser keygen)");
        } catch (IOException e) {
            // BCFKS and PKCS#12 both report a wrong password as an IOException from the integrity check.
            throw new KeyStoreException("cannot open keystore " + path
                + ": wrong password, or the file is not a " + type() + " keystore", e);
        }
        return ks;
    }

    private void putNewKey(KeyStore ks, KeyRef ref, char[] password, SecureRandom random)
            throws GeneralSecurityException {
        byte[] raw = new byte[SecretKeyMaterial.LENGTH];
        random.nextBytes(raw);
        try {
            ks.setEntry(alias(ref), new KeyStore.SecretKeyEntry(new SecretKeySpec(raw, ALGORITHM)),
                new KeyStore.PasswordProtection(password));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private void write(KeyStore ks, char[] password, boolean replace) throws IOException, GeneralSecurityException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".keystore-", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // non-POSIX filesystem: rely on the folder's protection
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            if (!replace && Files.exists(path)) {
                throw new FileAlreadyExistsException(path.toString());
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private boolean isPkcs12() {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx");
    }

    private String type() {
        return isPkcs12() ? "PKCS#12" : "BCFKS";
    }

    private KeyStore newKeyStore() throws GeneralSecurityException {
        return isPkcs12() ? KeyStore.getInstance("PKCS12") : KeyStore.getInstance("BCFKS", new BouncyCastleProvider());
    }

    static String alias(KeyRef ref) {
        return "csns." + ref.keyId() + ".v" + ref.version();
    }

    private static String randomId(SecureRandom random) {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return "mk-" + java.util.HexFormat.of().formatHex(b);
    }

    /** Exception text from the crypto providers names algorithms and files, never secrets; keep it short. */
    private static String safe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
}
