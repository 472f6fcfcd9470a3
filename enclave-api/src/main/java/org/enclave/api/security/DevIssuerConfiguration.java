package org.enclave.api.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The development issuer's keys: an RSA key pair made at each start (tokens do not survive a restart),
 * an encoder for {@link DevTokenController} and a decoder that trusts exactly the published JWKS, with
 * the same issuer and expiry checks as production. Present only with {@code enclave.dev-issuer.enabled}
 * and only after {@link DevIssuerGuard} agreed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = DevIssuerGuard.ENABLED, havingValue = "true")
public class DevIssuerConfiguration {

    /** The issuer's key pair and public JWKS. */
    public record DevKeys(RSAKey jwk, String issuer) {
        public JWKSet publicJwks() {
            return new JWKSet(jwk.toPublicJWK());
        }
    }

    @Bean
    DevKeys devKeys(Environment env, @Value("${enclave.dev-issuer.issuer}") String issuer) throws NoSuchAlgorithmException {
        DevIssuerGuard.check(env);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID("enclave-dev-" + UUID.randomUUID())
                .build();
        return new DevKeys(jwk, issuer);
    }

    @Bean
    JwtEncoder devJwtEncoder(DevKeys keys) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.jwk())));
    }

    @Bean
    JwtDecoder devJwtDecoder(DevKeys keys) throws com.nimbusds.jose.JOSEException {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(keys.jwk().toRSAPublicKey()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(keys.issuer())));
        return decoder;
    }
}
