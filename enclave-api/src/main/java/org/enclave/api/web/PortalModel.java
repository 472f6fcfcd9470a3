package org.enclave.api.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every portal page's layout needs: who is signed in, their roles, and their navigation. */
@ControllerAdvice(basePackageClasses = PortalModel.class)
class PortalModel {

    /** The signed-in user as the services see them, or null on the sign-in page. */
    static Actor actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return Actor.of(auth);
    }

    @ModelAttribute("me")
    Actor me() {
        return actor();
    }

    @ModelAttribute("myRoles")
    List<String> roles() {
        Actor a = actor();
        return a == null ? List.of() : a.roles().stream().sorted().map(Role::name).map(String::toLowerCase).toList();
    }

    @ModelAttribute("nav")
    List<Nav.Item> nav(HttpServletRequest request) {
        Actor a = actor();
        return a == null ? List.of() : Nav.of(a, request.getRequestURI());
    }
}
