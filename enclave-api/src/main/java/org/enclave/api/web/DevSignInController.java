package org.enclave.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.enclave.api.security.DemoUsers;
import org.enclave.api.security.DevIssuerGuard;
import org.enclave.api.security.DevTokenController;
import org.enclave.api.security.KeycloakJwtConverter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Development sign-in: pick a demo user. It exists only where the development token issuer exists
 * (dev profile on a loopback address, {@link DevIssuerGuard}), and signs in the way production does:
 * an access token is minted by the dev issuer, decoded by the API's {@link JwtDecoder} and read by the
 * API's {@link KeycloakJwtConverter}. The session then holds the same authentication a bearer request
 * would have.
 */
@Controller
@ConditionalOnProperty(name = DevIssuerGuard.ENABLED, havingValue = "true")
class DevSignInController {

    private final DevTokenController tokens;
    private final JwtDecoder decoder;
    private final KeycloakJwtConverter converter = new KeycloakJwtConverter();
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final CsrfTokenRepository csrf = new HttpSessionCsrfTokenRepository();

    DevSignInController(DevTokenController tokens, JwtDecoder decoder) {
        this.tokens = tokens;
        this.decoder = decoder;
    }

    @PostMapping(PortalSecurityConfiguration.LOGIN_PAGE + "/dev")
    String signIn(@RequestParam(defaultValue = "") String username, HttpServletRequest request, HttpServletResponse response) {
        if (DemoUsers.find(username).isEmpty()) {
            return "redirect:" + PortalSecurityConfiguration.LOGIN_PAGE + "?unknown";
        }
        String token = tokens.token(new DevTokenController.TokenRequest(username)).access_token();
        Authentication fromToken = converter.convert(decoder.decode(token));
        // JwtAuthenticationToken is @Transient (a bearer token never lives in a session): keep its name and
        // authorities in a session authentication instead.
        Authentication auth = new PreAuthenticatedAuthenticationToken(fromToken.getName(), "n/a", fromToken.getAuthorities());
        // A new session id and a new CSRF token at sign-in (no session fixation, no pre-login token reuse).
        request.getSession(true);
        request.changeSessionId();
        csrf.saveToken(null, request, response);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return "redirect:/portal";
    }
}
