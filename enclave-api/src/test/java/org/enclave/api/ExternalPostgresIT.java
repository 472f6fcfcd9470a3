package org.enclave.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.enclave.api.audit.AuditEvent;
import org.enclave.api.audit.AuditLog;
import org.enclave.api.audit.AuditVerifier;
import org.enclave.api.audit.Outcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The production path, by configuration only: with {@code spring.datasource.url} set the API uses an
 * external PostgreSQL (a container here) and starts no embedded server. Runs only where a Docker
 * engine exists; every capability it touches is also tested against the embedded server.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = {"enclave.home=target/it-external", "enclave.scheduling.enabled=false",
        "enclave.dev-issuer.issuer=http://127.0.0.1/dev", "logging.level.root=WARN"})
@ActiveProfiles("dev")
class ExternalPostgresIT {

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16-alpine");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", POSTGRES::getJdbcUrl);
        registry.add("spring.datasource.username", POSTGRES::getUsername);
        registry.add("spring.datasource.password", POSTGRES::getPassword);
    }

    @Autowired ApplicationContext context;
    @Autowired AuditLog audit;
    @Autowired AuditVerifier verifier;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void runsOnTheExternalServerWithTheSameGuarantees() {
        assertThat(context.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
        tx.executeWithoutResult(s -> audit.append(AuditEvent.of("alice", "test.external", "test", "1", Outcome.DONE)));
        assertThat(verifier.verify().ok()).isTrue();
        assertThatThrownBy(() -> jdbc.execute("delete from audit_entry")).isInstanceOf(DataAccessException.class);
    }
}
