package org.enclave.api.quality;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Quality indicators and feedback on a dataset version. */
@RestController
@RequestMapping("/api/datasets/{id}/versions/{number}")
public class QualityController {

    public record FeedbackBody(@NotBlank @Size(max = 4000) String text, @Min(1) @Max(5) Integer rating) {
    }

    /** What the author gets back: an acknowledgement, not the stored record. */
    public record FeedbackReceipt(java.util.UUID id, java.time.Instant at) {
    }

    private final QualityService quality;

    QualityController(QualityService quality) {
        this.quality = quality;
    }

    @Operation(summary = "Quality indicators of a dataset version (anyone signed in)")
    @GetMapping("/quality")
    public QualityIndicators indicators(@PathVariable DatasetId id, @PathVariable int number) {
        return quality.indicators(id, number);
    }

    @Operation(summary = "Leave feedback for the steward on a dataset version (anyone signed in)")
    @PostMapping("/feedback")
    @ResponseStatus(HttpStatus.CREATED)
    public FeedbackReceipt feedback(@PathVariable DatasetId id, @PathVariable int number, @Valid @RequestBody FeedbackBody body,
                                    Authentication auth) {
        var f = quality.leaveFeedback(Actor.of(auth), id, number, body.text(), body.rating());
        return new FeedbackReceipt(f.id(), f.at());
    }

    @Operation(summary = "Feedback on a dataset version (steward)")
    @GetMapping("/feedback")
    public List<Feedback> feedbackList(@PathVariable DatasetId id, @PathVariable int number, Authentication auth) {
        return quality.feedback(Actor.of(auth), id, number);
    }
}
