package org.enclave.api.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every integration test class uses exactly this configuration, so the Spring context (and with it the
 * one embedded PostgreSQL server) is started once per test JVM and shared. Scheduling is off: tests
 * move the {@link TestClock} and run the sweeper and the signer themselves.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "enclave.home=target/it-home",
        "enclave.db.clean=true",
        "enclave.scheduling.enabled=false",
        "enclave.dev-issuer.issuer=http://127.0.0.1/dev",
        "logging.level.root=WARN",
        "spring.main.banner-mode=off"})
@AutoConfigureMockMvc
@ActiveProfiles("dev")
@Import(ItConfiguration.class)
public @interface EnclaveIT {
}
