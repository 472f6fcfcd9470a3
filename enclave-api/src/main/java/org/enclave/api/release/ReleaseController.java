package org.enclave.api.release;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.enclave.api.security.Actor;
import org.enclave.api.workspace.WorkspaceId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/releases}: the airlock, the only way anything leaves the enclave (docs/releases.md). */
@RestController
@RequestMapping("/api/releases")
public class ReleaseController {

    public record CreateBody(@NotNull WorkspaceId workspaceId, @NotBlank @Size(max = 4000) String context,
                             @NotBlank @Size(max = 4000) String controls) {
    }

    public record OutputBody(@NotNull UUID jobId) {
    }

    public record VoteBody(@NotNull Vote.Decision decision, @NotBlank @Size(max = 4000) String reason) {
    }

    public record CommentBody(@NotNull Comment.Visibility visibility, @NotBlank @Size(max = 4000) String text) {
    }

    private final ReleaseService releases;
    private final ReleasePublisher publisher;

    ReleaseController(ReleaseService releases, ReleasePublisher publisher) {
        this.releases = releases;
        this.publisher = publisher;
    }

    private ReleaseView view(Actor actor, ReleaseId id) {
        return ReleaseView.of(releases.get(actor, id), actor);
    }

    @Operation(summary = "Start a release request (DRAFT) in my open workspace, with its context and controls")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ReleaseView create(@Valid @RequestBody CreateBody body, Authentication auth) {
        Actor actor = Actor.of(auth);
        return view(actor, releases.create(actor, body.workspaceId(), body.context(), body.controls()).id());
    }

    @Operation(summary = "Release requests I wrote")
    @GetMapping
    public List<ReleaseView> mine(Authentication auth) {
        Actor actor = Actor.of(auth);
        return releases.mine(actor).stream().map(l -> view(actor, l.request().id())).toList();
    }

    @Operation(summary = "Checkers: requests waiting for a vote I may cast")
    @GetMapping("/queue")
    public List<ReleaseView> queue(Authentication auth) {
        Actor actor = Actor.of(auth);
        return releases.queue(actor).stream().map(l -> view(actor, l.request().id())).toList();
    }

    @Operation(summary = "The enclave's release-verification public key (Ed25519, PEM); no token needed")
    @GetMapping(value = "/public-key", produces = "application/x-pem-file")
    public String publicKey() {
        return publisher.publicKey().pem();
    }

    @Operation(summary = "A release request (its author; checkers once submitted)")
    @GetMapping("/{id}")
    public ReleaseView get(@PathVariable ReleaseId id, Authentication auth) {
        return view(Actor.of(auth), id);
    }

    @Operation(summary = "Add (or replace) an output: an aggregate job of the request's workspace (author, DRAFT or RETURNED)")
    @PutMapping("/{id}/outputs/{name}")
    public ReleaseView putOutput(@PathVariable ReleaseId id, @PathVariable @Pattern(regexp = ReleaseOutput.NAME_PATTERN) String name,
                                 @Valid @RequestBody OutputBody body, Authentication auth) {
        Actor actor = Actor.of(auth);
        releases.putOutput(actor, id, name, body.jobId());
        return view(actor, id);
    }

    @Operation(summary = "Remove an output (author, DRAFT or RETURNED)")
    @DeleteMapping("/{id}/outputs/{name}")
    public ReleaseView removeOutput(@PathVariable ReleaseId id, @PathVariable @Pattern(regexp = ReleaseOutput.NAME_PATTERN) String name,
                                    Authentication auth) {
        Actor actor = Actor.of(auth);
        releases.removeOutput(actor, id, name);
        return view(actor, id);
    }

    @Operation(summary = "Submit for review: the policy is evaluated again and differencing checked (author)")
    @PostMapping("/{id}/submit")
    public ReleaseView submit(@PathVariable ReleaseId id, Authentication auth) {
        Actor actor = Actor.of(auth);
        releases.submit(actor, id);
        return view(actor, id);
    }

    @Operation(summary = "Withdraw the request (author)")
    @PostMapping("/{id}/withdraw")
    public ReleaseView withdraw(@PathVariable ReleaseId id, Authentication auth) {
        Actor actor = Actor.of(auth);
        releases.withdraw(actor, id);
        return view(actor, id);
    }

    @Operation(summary = "Vote: approve, request changes or reject, with a reason (checker, not a member of the project)")
    @PostMapping("/{id}/votes")
    public ReleaseView vote(@PathVariable ReleaseId id, @Valid @RequestBody VoteBody body, Authentication auth) {
        Actor actor = Actor.of(auth);
        releases.vote(actor, id, body.decision(), body.reason());
        return view(actor, id);
    }

    @Operation(summary = "Comment: PRIVATE (checkers only) or PUBLIC (author and checkers)")
    @PostMapping("/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    public ReleaseView comment(@PathVariable ReleaseId id, @Valid @RequestBody CommentBody body, Authentication auth) {
        Actor actor = Actor.of(auth);
        releases.comment(actor, id, body.visibility(), body.text());
        return view(actor, id);
    }

    @Operation(summary = "Release an APPROVED request: the policy is evaluated again, the package written and signed (author)")
    @PostMapping("/{id}/release")
    public ReleaseView release(@PathVariable ReleaseId id, Authentication auth) {
        Actor actor = Actor.of(auth);
        publisher.release(actor, id);
        return view(actor, id);
    }

    @Operation(summary = "Download the signed package (zip) of a RELEASED request (author; audited)")
    @GetMapping(value = "/{id}/package", produces = "application/zip")
    public ResponseEntity<byte[]> download(@PathVariable ReleaseId id, Authentication auth) {
        byte[] zip = publisher.download(Actor.of(auth), id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"release-" + id + ".zip\"")
                .contentType(MediaType.parseMediaType("application/zip"))
                .body(zip);
    }
}
