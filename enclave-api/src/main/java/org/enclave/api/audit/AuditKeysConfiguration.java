package org.enclave.api.audit;

import org.enclave.api.platform.SecretFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit log's two keys, from {@link SecretFiles}: {@code audit-hmac} and {@code audit-signing}. */
@Configuration(proxyBeanMethods = false)
class AuditKeysConfiguration {

    @Bean(destroyMethod = "destroy")
    AuditHmacKey auditHmacKey(SecretFiles secrets) {
        return new AuditHmacKey(secrets.load("audit-hmac", 32));
    }

    @Bean
    ChainSigningKey chainSigningKey(SecretFiles secrets) {
        return new ChainSigningKey(secrets.load("audit-signing", 32));
    }
}
