package org.enclave.api.security;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.enclave.api.platform.DomainException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /dev/token}: a Keycloak-shaped access token (issuer, {@code preferred_username},
 * {@code realm_access.roles}) for one of the {@link DemoUsers}. {@code GET /dev/jwks} publishes the
 * public key the resource server trusts. Exists only in the guarded dev mode ({@link DevIssuerGuard}).
 */
@RestController
@ConditionalOnProperty(name = DevIssuerGuard.ENABLED, havingValue = "true")
public class DevTokenController {

    public record TokenRequest(@NotBlank String username) {
    }

    public record TokenResponse(String access_token, String token_type, long expires_in, String username, List<String> roles) {
    }

    private final JwtEncoder encoder;
    private final DevIssuerConfiguration.DevKeys keys;
    private final Duration lifetime;

    DevTokenController(JwtEncoder encoder, DevIssuerConfiguration.DevKeys keys,
                       @Value("${enclave.dev-issuer.token-lifetime:PT1H}") Duration lifetime) {
        this.encoder = encoder;
        this.keys = keys;
        this.lifetime = lifetime;
    }

    @Operation(summary = "Mint a development token for a demo user (dev profile on loopback only)")
    @PostMapping("/dev/token")
    public TokenResponse token(@Valid @RequestBody TokenRequest request) {
        DemoUsers.DemoUser user = DemoUsers.find(request.username())
                .orElseThrow(() -> new DomainException.Invalid("username", "not a demo user; choose one of "
                        + DemoUsers.ALL.stream().map(DemoUsers.DemoUser::username).toList()));
        List<String> roles = user.roles().stream().map(r -> r.name().toLowerCase()).sorted().toList();
        // Token time is wall-clock time, like Keycloak's, independent of the application's clock.
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(keys.issuer())
                .subject("dev-" + user.username())
                .audience(List.of("enclave-api"))
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim("preferred_username", user.username())
                .claim("realm_access", Map.of("roles", roles))
                .claim("typ", "Bearer")
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.jwk().getKeyID()).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new TokenResponse(token, "Bearer", lifetime.toSeconds(), user.username(), roles);
    }

    @Operation(summary = "The development issuer's public keys (JWKS)")
    @GetMapping("/dev/jwks")
    public Map<String, Object> jwks() {
        return keys.publicJwks().toJSONObject();
    }

    @Operation(summary = "The demo users and their roles")
    @GetMapping("/dev/users")
    public List<DemoUsers.DemoUser> users() {
        return DemoUsers.ALL;
    }
}
