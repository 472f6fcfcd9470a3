package org.enclave.api.support;

import java.nio.file.Path;
import org.enclave.api.job.JobOutputs;
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

    /** Aggregate job outputs for release requests: hand-made fixtures, else the real jobs' outputs. */
    @Bean
    @Primary
    FixtureAggregateOutputs fixtureAggregateOutputs(@Value("${enclave.workspaces.dir}") Path workspaces, JobOutputs jobs) {
        return new FixtureAggregateOutputs(workspaces, jobs);
    }

    @Bean
    ReleaseFixtures releaseFixtures() {
        return new ReleaseFixtures();
    }
}
