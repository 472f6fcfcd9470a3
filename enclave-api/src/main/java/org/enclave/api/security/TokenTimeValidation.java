package org.enclave.api.security;

import java.time.Duration;
import org.enclave.api.platform.ConfigurationError;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * How long after its {@code exp} (and before its {@code nbf}) a Keycloak token is still accepted:
 * {@code enclave.security.clock-skew}, 60 s by default (Spring Security's own default). Spring Boot adds
 * this validator to the decoder it builds from {@code issuer-uri}, next to its default one, so the
 * effective allowance is the smaller of the two: the setting can only tighten. Where the API and Keycloak
 * keep time by NTP a few seconds are enough; a stolen token then lives barely longer than its lifespan.
 */
@Configuration(proxyBeanMethods = false)
public class TokenTimeValidation {

    @Bean
    public OAuth2TokenValidator<Jwt> tokenTimeValidator(@Value("${enclave.security.clock-skew:PT60S}") Duration skew) {
        if (skew.isNegative() || skew.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new ConfigurationError("enclave.security.clock-skew must be between PT0S and PT60S, not " + skew);
        }
        return new JwtTimestampValidator(skew);
    }
}
