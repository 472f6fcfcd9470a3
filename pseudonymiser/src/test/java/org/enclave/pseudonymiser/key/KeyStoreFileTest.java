package org.enclave.pseudonymiser.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreFileTest {
    static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    Path dir;

    @Test
    void bcfksCreateLoadRotate() throws Exception {
        KeyStoreFile f = new KeyStoreFile(dir.resolve("master.bcfks"));
        KeyRef ref = f.create("lake-master", PASSWORD, new SecureRandom());
        assertThat(ref).isEqualTo(new KeyRef("lake-master", 1));
        MasterKeyChain chain = f.load(PASSWORD);
        assertThat(chain.latest()).isEqualTo(ref);
        byte[] v1 = chain.version(1).unsafeBytes();

        assertThat(f.rotate(PASSWORD, new SecureRandom())).isEqualTo(new KeyRef("lake-master", 2));
        MasterKeyChain rotated = f.load(PASSWORD);
        assertThat(rotated.versions()).hasSize(2);
        assertThat(rotated.version(1).unsafeBytes()).isEqualTo(v1);
        assertThat(rotated.version(2).unsafeBytes()).isNotEqualTo(v1);
        String file = new String(Files.readAllBytes(f.path()), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(file).doesNotContain(new String(v1, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void wrongPasswordIsAClearError() throws Exception {
        KeyStoreFile f = new KeyStoreFile(dir.resolve("master.bcfks"));
        f.create(null, PASSWORD, new SecureRandom());
        assertThatThrownBy(() -> f.load("not the password".toCharArray()))
            .isInstanceOf(KeyStoreException.class)
            .hasMessageContaining("wrong password")
            .hasMessageNotContaining("not the password");
    }

    @Test
    void pkcs12ByExtension() throws Exception {
        KeyStoreFile f = new KeyStoreFile(dir.resolve("master.p12"));
        f.create("p12-key", PASSWORD, new SecureRandom());
        assertThat(f.load(PASSWORD).latest()).isEqualTo(new KeyRef("p12-key", 1));
        assertThatThrownBy(() -> f.load("wrong".toCharArray())).hasMessageContaining("wrong password");
    }

    @Test
    void refusesToOverwriteAndReportsMissingFile() throws Exception {
        KeyStoreFile f = new KeyStoreFile(dir.resolve("master.bcfks"));
        f.create(null, PASSWORD, new SecureRandom());
        assertThatThrownBy(() -> f.create(null, PASSWORD, new SecureRandom())).hasMessageContaining("already exists");
        assertThatThrownBy(() -> new KeyStoreFile(dir.resolve("none.bcfks")).load(PASSWORD))
            .hasMessageContaining("does not exist");
    }
}
