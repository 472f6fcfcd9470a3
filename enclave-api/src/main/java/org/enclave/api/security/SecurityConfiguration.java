package org.enclave.api.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.enclave.api.audit.RefusalAuditor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The resource server: every {@code /api/**} request carries a bearer token (Keycloak in production
 * through {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}; the guarded dev issuer
 * otherwise), read by {@link KeycloakJwtConverter}. Roles are checked here by URL, coarsely, and again
 * in each feature's {@code checkX} with membership, state and validity windows (defence in depth).
 * Refusals are problem details; a 403 to a signed-in user is audited.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, RefusalAuditor refusals) throws Exception {
        String steward = Role.STEWARD.name();
        String committee = Role.COMMITTEE.name();
        String researcher = Role.RESEARCHER.name();
        http
            // Stateless bearer-token API: no cookies, so no CSRF token to check.
            .csrf(csrf -> csrf.disable())
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .authorizeHttpRequests(a -> a
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                // Present only in the guarded dev mode; a 404 otherwise.
                .requestMatchers("/dev/**").permitAll()
                .requestMatchers("/error").permitAll()
                // Public by design (docs/governance.md): the project register, its export and the decision-time
                // figures, and the catalogue's DCAT-AP metadata. Exactly these routes, GET only.
                .requestMatchers(GET, "/api/register/projects", "/api/register/projects.csv", "/api/register/figures",
                        "/api/catalogue/dcat").permitAll()
                .requestMatchers(POST, "/api/datasets", "/api/datasets/*/versions").hasRole(steward)
                .requestMatchers(POST, "/api/projects").hasRole(researcher)
                .requestMatchers(POST, "/api/projects/*/approve", "/api/projects/*/reject",
                        "/api/projects/*/revoke", "/api/projects/*/end", "/api/projects/*/dismiss-appeal",
                        "/api/projects/*/consultations").hasRole(committee)
                .requestMatchers(POST, "/api/projects/*/appeal").hasRole(researcher)
                .requestMatchers(GET, "/api/governance/**").hasRole(committee)
                .requestMatchers(POST, "/api/projects/*/workspaces").hasRole(researcher)
                .requestMatchers(POST, "/api/workspaces/*/jobs", "/api/jobs/*/cancel").hasRole(researcher)
                .requestMatchers(GET, "/api/audit/**").hasRole(Role.AUDITOR.name())
                // Releases (docs/releases.md): the public key is public, so packages can be verified offline.
                .requestMatchers(GET, "/api/releases/public-key").permitAll()
                .requestMatchers(POST, "/api/releases", "/api/releases/*/submit", "/api/releases/*/withdraw",
                        "/api/releases/*/release").hasRole(researcher)
                .requestMatchers(PUT, "/api/releases/*/outputs/*").hasRole(researcher)
                .requestMatchers(DELETE, "/api/releases/*/outputs/*").hasRole(researcher)
                .requestMatchers(GET, "/api/releases/*/package").hasRole(researcher)
                .requestMatchers(POST, "/api/releases/*/votes").hasRole(Role.CHECKER.name())
                .requestMatchers(GET, "/api/releases/queue").hasRole(Role.CHECKER.name())
                .requestMatchers("/api/**").authenticated()
                .anyRequest().denyAll())
            .oauth2ResourceServer(o -> o
                .jwt(jwt -> jwt.jwtAuthenticationConverter(new KeycloakJwtConverter()))
                .authenticationEntryPoint(unauthorized()))
            .exceptionHandling(e -> e
                .authenticationEntryPoint(unauthorized())
                .accessDeniedHandler(denied(refusals)));
        return http.build();
    }

    private static AuthenticationEntryPoint unauthorized() {
        return (request, response, ex) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            problem(response, 401, "Unauthorized", "unauthorized", "a valid bearer token is required");
        };
    }

    private static AccessDeniedHandler denied(RefusalAuditor refusals) {
        return (request, response, ex) -> {
            var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.isAuthenticated()) {
                refusals.refused(Actor.of(auth), request.getMethod(), request.getRequestURI(), 403, "role not allowed");
            }
            problem(response, 403, "Forbidden", "forbidden", "your roles do not allow this request");
        };
    }

    private static void problem(HttpServletResponse response, int status, String title, String slug, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"/problems/" + slug + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }
}
