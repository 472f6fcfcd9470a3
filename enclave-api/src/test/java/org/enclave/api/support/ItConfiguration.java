package org.enclave.api.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The beans every integration test shares: the movable clock and the fixtures. */
@TestConfiguration(proxyBeanMethods = false)
public class ItConfiguration {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    Fixtures fixtures() {
        return new Fixtures();
    }
}
