package org.enclave.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

/** Keycloak's claims: realm roles become ROLE_* (Enclave's own only), preferred_username is the name. */
class KeycloakJwtConverterTest {

    static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder b = Jwt.withTokenValue("t").header("alg", "RS256").subject("f81d4fae")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(b::claim);
        return b.build();
    }

    @Test
    void mapsRealmRolesAndUsername() {
        var auth = new KeycloakJwtConverter().convert(jwt(Map.of("preferred_username", "carol",
                "realm_access", Map.of("roles", List.of("committee", "offline_access", "uma_authorization", "Researcher")))));
        assertThat(auth.getName()).isEqualTo("carol");
        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_COMMITTEE", "ROLE_RESEARCHER");
        assertThat(Actor.of(auth)).isEqualTo(Actor.user("carol", Role.COMMITTEE, Role.RESEARCHER));
    }

    @Test
    void noRolesMeansNoAuthorities() {
        var auth = new KeycloakJwtConverter().convert(jwt(Map.of("preferred_username", "x", "realm_access", "garbage")));
        assertThat(auth.getAuthorities()).isEmpty();
    }

    @Test
    void aTokenWithoutPreferredUsernameIsRefused() {
        assertThatThrownBy(() -> new KeycloakJwtConverter().convert(jwt(Map.of("realm_access", Map.of("roles", List.of("steward"))))))
                .isInstanceOf(BadJwtException.class);
    }
}
