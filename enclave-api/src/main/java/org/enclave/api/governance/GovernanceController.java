package org.enclave.api.governance;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.enclave.api.project.ProjectId;
import org.enclave.api.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The committee's queue and figures; consultations (docs/governance.md). */
@RestController
public class GovernanceController {

    public record ConsultationBody(@NotNull Consultation.Kind kind,
                                   @NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{1,100}") String consultee,
                                   @NotBlank @Size(max = 4000) String question) {
    }

    public record OpinionBody(@NotBlank @Size(max = 8000) String opinion) {
    }

    private final GovernanceService governance;
    private final ConsultationService consultations;

    GovernanceController(GovernanceService governance, ConsultationService consultations) {
        this.governance = governance;
        this.consultations = consultations;
    }

    @Operation(summary = "Applications awaiting a decision, with elapsed time, deadline and overdue flag (committee)")
    @GetMapping("/api/governance/queue")
    public List<GovernanceService.QueueEntry> queue(Authentication auth) {
        return governance.queue(Actor.of(auth));
    }

    @Operation(summary = "Time to decision per quarter, every quarter in full (committee)")
    @GetMapping("/api/governance/figures")
    public GovernanceService.Figures figures(Authentication auth) {
        return governance.committeeFigures(Actor.of(auth));
    }

    @Operation(summary = "Ask a steward or an external expert for an opinion before deciding (committee, not a member)")
    @PostMapping("/api/projects/{id}/consultations")
    @ResponseStatus(HttpStatus.CREATED)
    public Consultation request(@PathVariable ProjectId id, @Valid @RequestBody ConsultationBody body, Authentication auth) {
        return consultations.request(Actor.of(auth), id, body.kind(), body.consultee(), body.question());
    }

    @Operation(summary = "A project's consultations and opinions (committee; a consultee sees their own)")
    @GetMapping("/api/projects/{id}/consultations")
    public List<Consultation> forProject(@PathVariable ProjectId id, Authentication auth) {
        return consultations.forProject(Actor.of(auth), id);
    }

    @Operation(summary = "Consultations asked of me")
    @GetMapping("/api/consultations")
    public List<Consultation> mine(Authentication auth) {
        return consultations.mine(Actor.of(auth));
    }

    @Operation(summary = "Give the opinion asked (the consultee, before the committee decides)")
    @PostMapping("/api/consultations/{id}/opinion")
    public Consultation answer(@PathVariable ConsultationId id, @Valid @RequestBody OpinionBody body, Authentication auth) {
        return consultations.answer(Actor.of(auth), id, body.opinion());
    }
}
