package org.enclave.api.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enclave.api.project.ProjectId;
import org.enclave.api.project.ProjectService;
import org.enclave.api.security.Actor;
import org.enclave.api.workspace.Workspace;
import org.enclave.api.workspace.WorkspaceId;
import org.enclave.api.workspace.WorkspaceService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * A researcher's workspaces: time left, close; inside an open one, the tables and columns the grant
 * allows (the access decision compute relies on, audited as a use of the workspace).
 */
@Controller
class WorkspacePages {

    /** A workspace row with what its owner may do now. */
    public record Row(Workspace workspace, String projectTitle, boolean canClose, boolean canUse) {
    }

    private final WorkspaceService workspaces;
    private final ProjectService projects;

    WorkspacePages(WorkspaceService workspaces, ProjectService projects) {
        this.workspaces = workspaces;
        this.projects = projects;
    }

    @GetMapping("/portal/workspaces")
    String list(Model model) {
        Actor me = PortalModel.actor();
        Map<ProjectId, String> titles = new LinkedHashMap<>();
        projects.list(me).forEach(p -> titles.put(p.id(), p.title()));
        List<Row> rows = workspaces.mine(me).stream()
                .sorted(Comparator.comparing(Workspace::openedAt).reversed())
                .map(w -> new Row(w, titles.getOrDefault(w.projectId(), "(project closed to you)"),
                        workspaces.canClose(me, w), workspaces.canUse(me, w)))
                .toList();
        model.addAttribute("rows", rows);
        return "portal/workspaces";
    }

    @GetMapping("/portal/workspaces/{id}")
    String workspace(@PathVariable WorkspaceId id, Model model) {
        Actor me = PortalModel.actor();
        Workspace w = workspaces.get(me, id);
        boolean usable = workspaces.canUse(me, w);
        model.addAttribute("row", new Row(w, projects.load(w.projectId()).title(), workspaces.canClose(me, w), usable));
        model.addAttribute("access", usable ? workspaces.access(me, id) : null);
        return "portal/workspace";
    }

    @PostMapping("/portal/workspaces/{id}/close")
    String close(@PathVariable WorkspaceId id) {
        workspaces.close(PortalModel.actor(), id);
        return "redirect:/portal/workspaces?closed";
    }
}
