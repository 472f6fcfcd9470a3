package org.enclave.api.project;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.platform.DomainException;
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

/** {@code /api/projects}: researchers apply, the committee decides. */
@RestController
@RequestMapping("/api/projects")
public class ProjectController {

    public record DatasetColumns(@NotNull DatasetId datasetId,
                                 @NotEmpty @Size(max = 500) Set<@NotBlank @Size(max = 63) String> columns) {
    }

    public record ApplicationBody(@NotBlank @Size(max = 200) String title,
                                  @NotBlank @Size(max = 4000) String purpose,
                                  @NotBlank @Size(max = 1000) String legalBasis,
                                  @Size(max = 50) Set<@NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{1,100}") String> members,
                                  @NotNull Instant requestedFrom,
                                  @NotNull Instant requestedUntil,
                                  @NotEmpty @Size(max = 50) List<@Valid @NotNull DatasetColumns> datasets,
                                  @Size(max = 200) String institution) {
    }

    public record ApprovalBody(@NotNull Instant validFrom, @NotNull Instant validUntil,
                               @NotEmpty @Size(max = 50) List<@Valid @NotNull DatasetColumns> columns,
                               @NotBlank @Size(max = 4000) String reason) {
    }

    public record ReasonBody(@NotBlank @Size(max = 4000) String reason) {
    }

    public record AppealBody(@NotBlank @Size(max = 8000) String grounds) {
    }

    /** A project as its caller may see it, with the moves the caller may make now ({@code canX}). */
    public record ProjectView(ProjectId id, String title, String purpose, String legalBasis, String author,
                              SortedSet<String> members, ProjectState state, Project.Window requested,
                              Map<DatasetId, SortedSet<String>> requestedColumns, Project.Window validity,
                              Map<DatasetId, SortedSet<String>> grantedColumns, Project.Decision decision,
                              Project.Decision closing, Instant createdAt, List<Project.Move> allowedMoves,
                              String institution, Instant submittedAt, Project.Appeal appeal) {

        static ProjectView of(Project p, Actor viewer) {
            return new ProjectView(p.id(), p.title(), p.purpose(), p.legalBasis(), p.author(), p.members(), p.state(),
                    p.requested(), p.requestedColumns(), p.validity(), p.grantedColumns(), p.decision(), p.closing(),
                    p.createdAt(), Arrays.stream(Project.Move.values()).filter(m -> p.can(m, viewer)).toList(),
                    p.institution(), p.submittedAt(), p.appeal());
        }
    }

    private final ProjectService projects;

    ProjectController(ProjectService projects) {
        this.projects = projects;
    }

    @Operation(summary = "Apply for a project (researcher); it starts as a DRAFT")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ProjectView apply(@Valid @RequestBody ApplicationBody body, Authentication auth) {
        Actor actor = Actor.of(auth);
        Project p = projects.apply(actor, new ProjectService.Application(body.title(), body.purpose(), body.legalBasis(),
                body.members() == null ? Set.of() : body.members(),
                new Project.Window(body.requestedFrom(), body.requestedUntil()), columns(body.datasets(), "datasets"),
                body.institution() == null || body.institution().isBlank() ? null : body.institution().strip()));
        return ProjectView.of(p, actor);
    }

    @Operation(summary = "Projects I belong to (committee: all projects)")
    @GetMapping
    public List<ProjectView> list(Authentication auth) {
        Actor actor = Actor.of(auth);
        return projects.list(actor).stream().map(p -> ProjectView.of(p, actor)).toList();
    }

    @Operation(summary = "A project (members and committee)")
    @GetMapping("/{id}")
    public ProjectView get(@PathVariable ProjectId id, Authentication auth) {
        Actor actor = Actor.of(auth);
        return ProjectView.of(projects.get(actor, id), actor);
    }

    @Operation(summary = "Submit a draft application (its author)")
    @PostMapping("/{id}/submit")
    public ProjectView submit(@PathVariable ProjectId id, Authentication auth) {
        Actor actor = Actor.of(auth);
        return ProjectView.of(projects.submit(actor, id), actor);
    }

    @Operation(summary = "Approve: validity window and granted columns, at most those requested (committee, not a member, not a steward)")
    @PostMapping("/{id}/approve")
    public ProjectView approve(@PathVariable ProjectId id, @Valid @RequestBody ApprovalBody body, Authentication auth) {
        Actor actor = Actor.of(auth);
        return ProjectView.of(projects.approve(actor, id, new Project.Window(body.validFrom(), body.validUntil()),
                columns(body.columns(), "columns"), body.reason()), actor);
    }

    @Operation(summary = "Reject with written reasons (committee, not a member)")
    @PostMapping("/{id}/reject")
    public ProjectView reject(@PathVariable ProjectId id, @Valid @RequestBody ReasonBody body, Authentication auth) {
        Actor actor = Actor.of(auth);
        return ProjectView.of(projects.reject(actor, id, body.reason()), actor);
    }

    @Operation(summary = "Appeal a rejection once, with written grounds (the author)")
    @PostMapping("/{id}/appeal")
    public ProjectView appeal(@PathVariable ProjectId id, @Valid @RequestBody AppealBody body, Authentication auth) {
        Actor actor = Actor.of(auth);
        return ProjectView.of(projects.appeal(actor, id, body.grounds()), actor);
    }

    @Operation(summary = "Dismiss an appeal: the rejection becomes final (committee, not a member, not whoever rejected). "
            + "Upholding an appeal is POST /approve on the APPEALED project.")
    @PostMapping("/{id}/dismiss-appeal")
    public ProjectView dismissAppeal(@PathVariable ProjectId id, @Valid @RequestBody ReasonBody body, Authentication auth) {
        Actor actor = Actor.of(auth);
        return ProjectView.of(projects.dismissAppeal(actor, id, body.reason()), actor);
    }

    @Operation(summary = "Revoke an approved project: its key is destroyed and its workspaces expire now (committee)")
    @PostMapping("/{id}/revoke")
    public ProjectView revoke(@PathVariable ProjectId id, @Valid @RequestBody ReasonBody body, Authentication auth) {
        Actor actor = Actor.of(auth);
        return ProjectView.of(projects.revoke(actor, id, body.reason()), actor);
    }

    @Operation(summary = "End an approved project: its key is destroyed and its workspaces expire now (committee)")
    @PostMapping("/{id}/end")
    public ProjectView end(@PathVariable ProjectId id, @Valid @RequestBody ReasonBody body, Authentication auth) {
        Actor actor = Actor.of(auth);
        return ProjectView.of(projects.end(actor, id, body.reason()), actor);
    }

    private static Map<DatasetId, Set<String>> columns(List<DatasetColumns> list, String field) {
        Map<DatasetId, Set<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            if (out.put(list.get(i).datasetId(), list.get(i).columns()) != null) {
                throw new DomainException.Invalid(field + "[" + i + "].datasetId", "dataset listed twice");
            }
        }
        return out;
    }
}
