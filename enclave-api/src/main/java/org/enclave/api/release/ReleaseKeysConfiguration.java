package org.enclave.api.release;

import org.enclave.api.platform.SecretFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The release signing key, {@code release-signing.key} under {@code enclave.keys.dir} (like the audit keys). */
@Configuration(proxyBeanMethods = false)
class ReleaseKeysConfiguration {

    @Bean
    ReleaseSigningKey releaseSigningKey(SecretFiles secrets) {
        return new ReleaseSigningKey(secrets.load("release-signing", 32));
    }
}
