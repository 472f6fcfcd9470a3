package org.enclave.api.web;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Production sign-in: the portal is Keycloak's {@code enclave-portal} client (infra/keycloak), a public
 * client using the authorization code flow with PKCE (S256). Present only when
 * {@code enclave.portal.oidc.issuer-uri} is set, which by default is the resource server's issuer.
 *
 * <p>The endpoints are Keycloak's fixed paths under the realm's issuer rather than read by discovery
 * at start-up, so the API starts (and serves bearer requests) while Keycloak is still starting.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${enclave.portal.oidc.issuer-uri:}'.isBlank()")
public class PortalOidcConfiguration {

    public static final String REGISTRATION_ID = "keycloak";
    /** Where a sign-in starts: {@code /portal/oauth2/authorization/keycloak}. */
    public static final String AUTHORIZATION_BASE = "/portal/oauth2/authorization";
    /** Where Keycloak sends the code back; inside the realm's redirect URIs ({@code http://127.0.0.1:8080/*}). */
    public static final String REDIRECT_BASE = "/portal/login/oauth2/code/*";

    @Bean
    ClientRegistrationRepository portalClientRegistrations(@Value("${enclave.portal.oidc.issuer-uri}") String issuer,
                                                           @Value("${enclave.portal.oidc.client-id}") String clientId) {
        return new InMemoryClientRegistrationRepository(registration(issuer, clientId));
    }

    static ClientRegistration registration(String issuer, String clientId) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        String oidc = base + "/protocol/openid-connect";
        return ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientName("Keycloak")
                .clientId(clientId)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/portal/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .issuerUri(base)
                .authorizationUri(oidc + "/auth")
                .tokenUri(oidc + "/token")
                .jwkSetUri(oidc + "/certs")
                .userInfoUri(oidc + "/userinfo")
                .userNameAttributeName("preferred_username")
                .providerConfigurationMetadata(Map.of("end_session_endpoint", oidc + "/logout"))
                .build();
    }
}
