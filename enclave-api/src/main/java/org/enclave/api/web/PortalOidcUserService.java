package org.enclave.api.web;

import org.enclave.api.security.KeycloakJwtConverter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Turns a Keycloak sign-in into the same user the API sees: the access token the portal received is
 * decoded by the API's own {@link JwtDecoder} (issuer, signature, expiry) and read by the API's
 * {@link KeycloakJwtConverter} ({@code realm_access.roles}, {@code preferred_username}). Roles are never
 * taken from the ID token or the user-info response, which Keycloak does not fill with realm roles.
 */
final class PortalOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();
    private final JwtDecoder decoder;
    private final KeycloakJwtConverter converter = new KeycloakJwtConverter();

    PortalOidcUserService(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        AbstractAuthenticationToken token;
        try {
            Jwt jwt = decoder.decode(request.getAccessToken().getTokenValue());
            token = converter.convert(jwt);
        } catch (JwtException e) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token",
                    "the access token from the identity provider was not accepted", null), e);
        }
        if (!token.getName().equals(user.getAttribute("preferred_username"))) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token",
                    "the ID token and the access token name different users", null));
        }
        return new DefaultOidcUser(token.getAuthorities(), user.getIdToken(), user.getUserInfo(), "preferred_username");
    }
}
