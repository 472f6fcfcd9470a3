package org.enclave.api.web;

import static org.springframework.http.HttpMethod.POST;

import org.enclave.api.audit.RefusalAuditor;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The portal's own filter chain, separate from the API's stateless bearer chain
 * ({@code SecurityConfiguration}): it matches only {@code /} and {@code /portal/**}, is ordered first,
 * keeps the signed-in user in a server-side session, checks a CSRF token on every state-changing
 * request and sends a strict Content-Security-Policy (no inline script or style anywhere in the portal).
 *
 * <p>Sign-in: Keycloak's {@code enclave-portal} public client, authorization code with PKCE
 * ({@link PortalOidcConfiguration}, present when {@code enclave.portal.oidc.issuer-uri} is set), or in the
 * guarded dev mode a local page to pick a demo user ({@link DevSignInController}). Either way the
 * session holds the authorities read from an access token by the API's own converter, so a page's
 * {@link Actor} is the one the API would see.
 *
 * <p>Roles are checked here by URL, coarsely; each page asks the services' {@code canX} what to offer
 * and the services' {@code checkX} enforce it (defence in depth, as in the API).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class PortalSecurityConfiguration {

    /** IMPORTANT: the CSP every portal response carries; pages must never need more than this. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    static final String LOGIN_PAGE = "/portal/login";

    @Bean
    @Order(1)
    SecurityFilterChain portal(HttpSecurity http, RefusalAuditor refusals,
                               ObjectProvider<ClientRegistrationRepository> registrations,
                               ObjectProvider<JwtDecoder> decoders) throws Exception {
        String steward = Role.STEWARD.name();
        String committee = Role.COMMITTEE.name();
        String researcher = Role.RESEARCHER.name();
        http
            .securityMatcher("/", "/portal", "/portal/**")
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                    .sessionFixation(f -> f.changeSessionId()))
            // CSRF stays on (the default): Thymeleaf adds the token to every th:action form.
            .headers(h -> h
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)))
            .authorizeHttpRequests(a -> a
                .requestMatchers("/", "/portal/assets/**", LOGIN_PAGE, LOGIN_PAGE + "/dev",
                        "/portal/oauth2/**", "/portal/login/oauth2/**").permitAll()
                .requestMatchers(POST, "/portal/catalogue", "/portal/catalogue/*/versions").hasRole(steward)
                .requestMatchers("/portal/committee/**").hasRole(committee)
                .requestMatchers(POST, "/portal/projects/*/decision", "/portal/projects/*/revoke",
                        "/portal/projects/*/end").hasRole(committee)
                .requestMatchers("/portal/projects/new").hasRole(researcher)
                .requestMatchers(POST, "/portal/projects/*/workspaces").hasRole(researcher)
                .requestMatchers("/portal/workspaces/**", "/portal/workspaces").hasRole(researcher)
                .requestMatchers("/portal/jobs/**", "/portal/releases/**", "/portal/releases").hasRole(researcher)
                .requestMatchers("/portal/checker/**", "/portal/checker").hasRole(Role.CHECKER.name())
                .requestMatchers("/portal/audit/**", "/portal/audit").hasRole(Role.AUDITOR.name())
                .anyRequest().authenticated())
            .exceptionHandling(e -> e
                .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE))
                .accessDeniedHandler(denied(refusals)))
            .logout(l -> l
                .logoutUrl("/portal/logout")
                .logoutSuccessHandler(logoutSuccess(registrations.getIfAvailable()))
                .invalidateHttpSession(true)
                .deleteCookies("ENCLAVE_PORTAL"));

        ClientRegistrationRepository clients = registrations.getIfAvailable();
        if (clients != null) {
            DefaultOAuth2AuthorizationRequestResolver resolver =
                    new DefaultOAuth2AuthorizationRequestResolver(clients, PortalOidcConfiguration.AUTHORIZATION_BASE);
            // A public client gets PKCE anyway; saying so keeps it on if the client is ever made confidential.
            resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
            http.oauth2Login(o -> o
                .loginPage(LOGIN_PAGE)
                .authorizationEndpoint(ae -> ae.authorizationRequestResolver(resolver))
                .redirectionEndpoint(re -> re.baseUri(PortalOidcConfiguration.REDIRECT_BASE))
                .userInfoEndpoint(u -> u.oidcUserService(new PortalOidcUserService(decoders.getObject())))
                .defaultSuccessUrl("/portal", true)
                .failureUrl(LOGIN_PAGE + "?failed"));
        }
        return http.build();
    }

    private static org.springframework.security.web.authentication.logout.LogoutSuccessHandler logoutSuccess(
            ClientRegistrationRepository clients) {
        if (clients != null) {
            // Ends the Keycloak session too (RP-initiated logout), then comes back to the sign-in page.
            OidcClientInitiatedLogoutSuccessHandler oidc = new OidcClientInitiatedLogoutSuccessHandler(clients);
            oidc.setPostLogoutRedirectUri("{baseUrl}" + LOGIN_PAGE + "?signedOut");
            return oidc;
        }
        SimpleUrlLogoutSuccessHandler local = new SimpleUrlLogoutSuccessHandler();
        local.setDefaultTargetUrl(LOGIN_PAGE + "?signedOut");
        return local;
    }

    /** A role refusal is a page (not problem JSON) and, as in the API, an audited refusal. */
    private static AccessDeniedHandler denied(RefusalAuditor refusals) {
        return (request, response, ex) -> {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
                refusals.refused(Actor.of(auth), request.getMethod(), request.getRequestURI(), 403, "role not allowed");
            }
            request.setAttribute(PortalErrors.STATUS_ATTRIBUTE, 403);
            request.setAttribute(PortalErrors.MESSAGE_ATTRIBUTE, "Your roles do not allow this page or action.");
            response.setStatus(403);
            request.getRequestDispatcher(PortalErrors.DENIED_PATH).forward(request, response);
        };
    }
}
