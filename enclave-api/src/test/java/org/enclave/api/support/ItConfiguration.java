package org.enclave.api.support;

import java.nio.file.Path;
import org.enclave.api.release.FixtureAggregateOutputs;
import org.enclave.api.release.ReleaseFixtures;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The beans every integration test shares: the movable clock, the fixtures, the job outputs releases read. */
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

    /** Aggregate job outputs for release requests, until the jobs feature's adapter is merged. */
    @Bean
    @Primary
    FixtureAggregateOutputs fixtureAggregateOutputs(@Value("${enclave.workspaces.dir}") Path workspaces) {
        return new FixtureAggregateOutputs(workspaces);
    }

    @Bean
    ReleaseFixtures releaseFixtures() {
        return new ReleaseFixtures();
    }
}
