package org.enclave.api.project;

import org.enclave.api.platform.SecretFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The key-encryption key, from {@link SecretFiles} ({@code kek.key}). */
@Configuration(proxyBeanMethods = false)
class ProjectKeysConfiguration {

    @Bean(destroyMethod = "destroy")
    KeyEncryptionKey keyEncryptionKey(SecretFiles secrets) {
        return new KeyEncryptionKey(secrets.load("kek", 32));
    }
}
