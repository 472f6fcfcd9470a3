package org.enclave.api.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads Keycloak's access-token claims: {@code realm_access.roles} become {@code ROLE_*} authorities
 * (only Enclave's own roles; Keycloak's defaults such as {@code offline_access} are dropped) and
 * {@code preferred_username} is the principal name. A token without {@code preferred_username} is
 * refused rather than falling back to {@code sub}: audit entries must name a person.
 */
public final class KeycloakJwtConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String username = jwt.getClaimAsString("preferred_username");
        if (username == null || username.isBlank()) {
            throw new org.springframework.security.oauth2.jwt.BadJwtException("token has no preferred_username");
        }
        return new JwtAuthenticationToken(jwt, authorities(jwt), username);
    }

    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> out = new ArrayList<>();
        Object realmAccess = jwt.getClaims().get("realm_access");
        if (realmAccess instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> roles) {
            for (Object role : roles) {
                if (role instanceof String name) {
                    Role.fromClaim(name).ifPresent(r -> out.add(new SimpleGrantedAuthority(r.authority())));
                }
            }
        }
        return out;
    }
}
