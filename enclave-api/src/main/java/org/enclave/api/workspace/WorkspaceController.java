package org.enclave.api.workspace;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
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

/** Workspaces: a project member opens one inside the grant, uses it, closes it. */
@RestController
public class WorkspaceController {

    public record OpenBody(@NotNull Instant until) {
    }

    public record WorkspaceView(WorkspaceId id, ProjectId project, String owner, WorkspaceState state, Instant openedAt,
                                Instant expiresAt, Instant endedAt, Instant purgedAt) {
        static WorkspaceView of(Workspace w) {
            return new WorkspaceView(w.id(), w.projectId(), w.owner(), w.state(), w.openedAt(), w.expiresAt(), w.endedAt(),
                    w.purgedAt());
        }
    }

    private final WorkspaceService workspaces;

    WorkspaceController(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    @Operation(summary = "Open a workspace in an approved project, inside its validity window (member researcher)")
    @PostMapping("/api/projects/{id}/workspaces")
    @ResponseStatus(HttpStatus.CREATED)
    public WorkspaceView open(@PathVariable ProjectId id, @Valid @RequestBody OpenBody body, Authentication auth) {
        return WorkspaceView.of(workspaces.open(Actor.of(auth), id, body.until()));
    }

    @Operation(summary = "My workspaces")
    @GetMapping("/api/workspaces")
    public List<WorkspaceView> mine(Authentication auth) {
        return workspaces.mine(Actor.of(auth)).stream().map(WorkspaceView::of).toList();
    }

    @Operation(summary = "A workspace (its owner), whatever its state")
    @GetMapping("/api/workspaces/{id}")
    public WorkspaceView get(@PathVariable WorkspaceId id, Authentication auth) {
        return WorkspaceView.of(workspaces.get(Actor.of(auth), id));
    }

    @Operation(summary = "Use the workspace: the granted tables and columns (refused once closed, expired or revoked)")
    @GetMapping("/api/workspaces/{id}/access")
    public WorkspaceService.Access access(@PathVariable WorkspaceId id, Authentication auth) {
        return workspaces.access(Actor.of(auth), id);
    }

    @Operation(summary = "Close a workspace (its owner)")
    @PostMapping("/api/workspaces/{id}/close")
    public WorkspaceView close(@PathVariable WorkspaceId id, Authentication auth) {
        return WorkspaceView.of(workspaces.close(Actor.of(auth), id));
    }
}
