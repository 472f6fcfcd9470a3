package org.enclave.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.enclave.api.EnclaveApiApplication;
import org.enclave.api.platform.ConfigurationError;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The dev issuer refuses to run outside the dev profile or off loopback, and says so: checked on the
 * rule itself and by starting the real application, which must fail before it starts anything
 * (no database, no web server).
 */
class DevIssuerGuardTest {

    static MockEnvironment env(String address, String... profiles) {
        MockEnvironment env = new MockEnvironment().withProperty(DevIssuerGuard.ENABLED, "true");
        if (address != null) {
            env.setProperty("server.address", address);
        }
        env.setActiveProfiles(profiles);
        return env;
    }

    @Test
    void refusesOutsideTheDevProfile() {
        assertThatThrownBy(() -> DevIssuerGuard.check(env("127.0.0.1", "prod")))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("only with the 'dev' profile");
        assertThatThrownBy(() -> DevIssuerGuard.check(env("127.0.0.1")))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("'dev' profile");
    }

    @Test
    void refusesANonLoopbackOrMissingAddress() {
        for (String address : new String[] {"0.0.0.0", "10.1.2.3", "192.168.1.10", "::", "example.org", "127.0.0.1.nip.io"}) {
            assertThatThrownBy(() -> DevIssuerGuard.check(env(address, "dev"))).as(address)
                    .isInstanceOf(ConfigurationError.class).hasMessageContaining("loopback");
        }
        assertThatThrownBy(() -> DevIssuerGuard.check(env(null, "dev")))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("unset");
    }

    @Test
    void startsOnLoopbackWithTheDevProfile() {
        for (String address : new String[] {"127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"}) {
            assertThatCode(() -> DevIssuerGuard.check(env(address, "dev"))).as(address).doesNotThrowAnyException();
        }
        MockEnvironment off = new MockEnvironment();
        off.setActiveProfiles("prod");
        assertThatCode(() -> DevIssuerGuard.check(off)).doesNotThrowAnyException();
    }

    @Test
    void theApplicationRefusesToStartOutsideTheDevProfile() {
        assertThatThrownBy(() -> EnclaveApiApplication.application().run("--enclave.dev-issuer.enabled=true",
                "--spring.profiles.active=prod", "--server.address=127.0.0.1", "--spring.main.banner-mode=off", "--logging.level.root=OFF",
                "--enclave.home=target/guard-test"))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("Refusing to start").hasMessageContaining("'dev' profile");
    }

    @Test
    void theApplicationRefusesToStartDevOnANonLoopbackAddress() {
        assertThatThrownBy(() -> EnclaveApiApplication.application().run("--spring.profiles.active=dev",
                "--server.address=0.0.0.0", "--spring.main.banner-mode=off", "--logging.level.root=OFF", "--enclave.home=target/guard-test"))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("Refusing to start").hasMessageContaining("0.0.0.0");
        assertThat(new java.io.File("target/guard-test/db")).doesNotExist();
    }

    @Test
    void aServerWithoutAnyTokenIssuerRefusesToStart() {
        assertThatThrownBy(() -> EnclaveApiApplication.application().run("--spring.main.banner-mode=off", "--logging.level.root=OFF",
                "--enclave.home=target/guard-test"))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("No token issuer configured");
        MockEnvironment both = env("127.0.0.1", "dev")
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://127.0.0.1:8180/realms/enclave");
        assertThatThrownBy(() -> IssuerConfigurationCheck.check(both)).isInstanceOf(ConfigurationError.class).hasMessageContaining("choose one");
        MockEnvironment keycloak = new MockEnvironment()
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://127.0.0.1:8180/realms/enclave");
        assertThatCode(() -> IssuerConfigurationCheck.check(keycloak)).doesNotThrowAnyException();
    }
}
