package org.enclave.api.security;

import org.enclave.api.platform.ConfigurationError;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * A server without a token issuer would refuse every request; say so at start-up instead. The issuer is
 * Keycloak ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, or {@code jwk-set-uri}) or the
 * guarded dev issuer. Commands that serve no requests ({@code audit-verify}) need neither.
 */
public final class IssuerConfigurationCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (event.getSpringApplication().getWebApplicationType() != WebApplicationType.NONE) {
            check(event.getEnvironment());
        }
    }

    /** @throws ConfigurationError when no token issuer is configured */
    public static void check(Environment env) {
        boolean dev = env.getProperty(DevIssuerGuard.ENABLED, Boolean.class, false);
        boolean keycloak = has(env, "spring.security.oauth2.resourceserver.jwt.issuer-uri")
                || has(env, "spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
        if (!dev && !keycloak) {
            throw new ConfigurationError("No token issuer configured: set spring.security.oauth2.resourceserver.jwt.issuer-uri "
                    + "to the Keycloak realm (production), or run with --spring.profiles.active=dev on 127.0.0.1 (development).");
        }
        if (dev && keycloak) {
            throw new ConfigurationError("Both the development token issuer and a Keycloak issuer are configured; choose one.");
        }
    }

    private static boolean has(Environment env, String key) {
        String value = env.getProperty(key);
        return value != null && !value.isBlank();
    }
}
