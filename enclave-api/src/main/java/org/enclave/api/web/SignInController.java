package org.enclave.api.web;

import org.enclave.api.security.DemoUsers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page: a button to Keycloak in production, a demo-user picker in the guarded dev mode
 * ({@link DevSignInController}); with neither, it says that the portal has no sign-in configured.
 */
@Controller
class SignInController {

    private final boolean oidc;
    private final boolean dev;

    SignInController(ObjectProvider<ClientRegistrationRepository> clients, ObjectProvider<DevSignInController> devSignIn) {
        this.oidc = clients.getIfAvailable() != null;
        this.dev = devSignIn.getIfAvailable() != null;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/portal";
    }

    @GetMapping(PortalSecurityConfiguration.LOGIN_PAGE)
    String login(Authentication auth, Model model) {
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            return "redirect:/portal";
        }
        model.addAttribute("oidc", oidc);
        model.addAttribute("oidcStart", PortalOidcConfiguration.AUTHORIZATION_BASE + "/" + PortalOidcConfiguration.REGISTRATION_ID);
        model.addAttribute("dev", dev);
        model.addAttribute("demoUsers", DemoUsers.ALL);
        return "portal/login";
    }
}
