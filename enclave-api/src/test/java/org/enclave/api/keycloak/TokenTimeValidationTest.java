package org.enclave.api.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.enclave.api.platform.ConfigurationError;
import org.enclave.api.security.TokenTimeValidation;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/** enclave.security.clock-skew: refuses a token once exp + skew has passed; only 0 to 60 s is accepted. */
class TokenTimeValidationTest {

    private static Jwt expiringAt(Instant exp) {
        return Jwt.withTokenValue("t").header("alg", "RS256").claim("sub", "x")
                .issuedAt(exp.minusSeconds(300)).expiresAt(exp).build();
    }

    @Test
    void aTokenIsAcceptedUntilExpiryPlusTheSkewAndRefusedAfter() {
        OAuth2TokenValidator<Jwt> validator = new TokenTimeValidation().tokenTimeValidator(Duration.ofSeconds(5));
        Instant now = Instant.now();
        assertThat(validator.validate(expiringAt(now.plusSeconds(60))).hasErrors()).isFalse();
        assertThat(validator.validate(expiringAt(now.minusSeconds(2))).hasErrors()).isFalse();
        assertThat(validator.validate(expiringAt(now.minusSeconds(10))).hasErrors()).isTrue();
    }

    @Test
    void theSkewCanOnlyTightenSpringSecuritysSixtySeconds() {
        TokenTimeValidation config = new TokenTimeValidation();
        assertThat(config.tokenTimeValidator(Duration.ZERO)).isNotNull();
        assertThat(config.tokenTimeValidator(Duration.ofSeconds(60))).isNotNull();
        assertThatThrownBy(() -> config.tokenTimeValidator(Duration.ofSeconds(61)))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("enclave.security.clock-skew");
        assertThatThrownBy(() -> config.tokenTimeValidator(Duration.ofSeconds(-1))).isInstanceOf(ConfigurationError.class);
    }
}
