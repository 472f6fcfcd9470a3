package org.enclave.api.security;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who the token says I am, as the API reads it. */
@RestController
public class MeController {

    public record Me(String username, List<Role> roles) {
    }

    @Operation(summary = "The caller's username and roles")
    @GetMapping("/api/me")
    public Me me(Authentication auth) {
        Actor actor = Actor.of(auth);
        return new Me(actor.username(), actor.roles().stream().sorted().toList());
    }
}
