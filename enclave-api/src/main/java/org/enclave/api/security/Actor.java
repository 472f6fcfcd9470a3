package org.enclave.api.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is acting: the signed-in user's name ({@code preferred_username}) and realm roles, or the
 * system itself (scheduled sweeps). Domain code takes an Actor, never a Spring type.
 */
public record Actor(String username, Set<Role> roles, boolean system) {

    public static final Actor SYSTEM = new Actor("system", Set.of(), true);

    public Actor {
        Objects.requireNonNull(username, "username");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Actor user(String username, Role... roles) {
        return new Actor(username, roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles), false);
    }

    /** The actor behind an authenticated request (see {@link KeycloakJwtConverter}). */
    public static Actor of(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority a : authentication.getAuthorities()) {
            for (Role r : Role.values()) {
                if (r.authority().equals(a.getAuthority())) {
                    roles.add(r);
                }
            }
        }
        return new Actor(authentication.getName(), roles, false);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
