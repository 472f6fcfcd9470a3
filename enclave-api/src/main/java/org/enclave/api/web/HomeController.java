package org.enclave.api.web;

import java.util.List;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectService;
import org.enclave.api.project.ProjectState;
import org.enclave.api.release.ReleaseService;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.enclave.api.workspace.WorkspaceService;
import org.enclave.api.workspace.WorkspaceState;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /portal}: a short summary per role, each linking to that role's main page. */
@Controller
class HomeController {

    private final ProjectService projects;
    private final WorkspaceService workspaces;
    private final ReleaseService releases;

    HomeController(ProjectService projects, WorkspaceService workspaces, ReleaseService releases) {
        this.projects = projects;
        this.workspaces = workspaces;
        this.releases = releases;
    }

    @GetMapping("/portal")
    String home(Model model) {
        Actor me = PortalModel.actor();
        if (me.has(Role.COMMITTEE) || me.has(Role.RESEARCHER)) {
            List<Project> visible = projects.list(me);
            model.addAttribute("waiting", visible.stream().filter(p -> p.state() == ProjectState.SUBMITTED).count());
            model.addAttribute("myProjects", visible.stream().filter(p -> p.isMember(me.username())).count());
            model.addAttribute("approved", visible.stream()
                    .filter(p -> p.isMember(me.username()) && p.state() == ProjectState.APPROVED).count());
        }
        if (me.has(Role.RESEARCHER)) {
            model.addAttribute("openWorkspaces", workspaces.mine(me).stream().filter(w -> w.state() == WorkspaceState.OPEN).count());
        }
        if (me.has(Role.CHECKER)) {
            model.addAttribute("awaitingVote", releases.queue(me).size());
        }
        return "portal/home";
    }
}
