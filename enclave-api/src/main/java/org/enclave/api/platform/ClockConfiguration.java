package org.enclave.api.platform;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every expiry, validity window and audit timestamp reads, so that tests can move time
 * (they provide a {@code @Primary} {@link Clock} bean). Token expiry is checked on wall-clock time by Spring
 * Security, as Keycloak issues it.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    Clock clock() {
        // Microsecond ticks: PostgreSQL stores microseconds, so an instant read back equals the one written.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
    }
}
