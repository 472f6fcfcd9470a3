package org.enclave.api.security;

import java.util.Locale;
import java.util.Optional;

/** The Keycloak realm roles (docs/keycloak.md). Authorities are {@code ROLE_<NAME>}. */
public enum Role {
    STEWARD, COMMITTEE, RESEARCHER, CHECKER, AUDITOR;

    public String authority() {
        return "ROLE_" + name();
    }

    /** Keycloak spells realm roles in lower case; unknown roles (Keycloak's defaults) are ignored. */
    public static Optional<Role> fromClaim(String claim) {
        try {
            return Optional.of(valueOf(claim.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
