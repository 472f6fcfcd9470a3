package org.enclave.api.register;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.enclave.api.governance.GovernanceService;
import org.enclave.api.project.ProjectId;
import org.enclave.api.security.Actor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The public register (no sign-in) and the members' consent to appear in it. */
@RestController
public class RegisterController {

    public record ConsentBody(@NotNull Boolean consent) {
    }

    private final RegisterService register;
    private final GovernanceService governance;

    RegisterController(RegisterService register, GovernanceService governance) {
        this.register = register;
        this.governance = governance;
    }

    @Operation(summary = "Public register of approved projects, JSON (no sign-in)")
    @GetMapping(value = "/api/register/projects", produces = MediaType.APPLICATION_JSON_VALUE)
    public RegisterService.Register projects() {
        return register.register();
    }

    @Operation(summary = "Public register of approved projects, CSV export (no sign-in)")
    @GetMapping(value = "/api/register/projects.csv", produces = "text/csv")
    public ResponseEntity<String> csv() {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"enclave-project-register.csv\"")
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .body(register.csv());
    }

    @Operation(summary = "Public decision-time figures per quarter, aggregate only (no sign-in)")
    @GetMapping("/api/register/figures")
    public GovernanceService.Figures figures() {
        return governance.publicFigures();
    }

    @Operation(summary = "Consent (or not) to my name in the public register (a member, for themselves)")
    @PutMapping("/api/projects/{id}/register-consent")
    public ConsentBody consent(@PathVariable ProjectId id, @Valid @RequestBody ConsentBody body, Authentication auth) {
        register.consent(Actor.of(auth), id, body.consent());
        return body;
    }
}
