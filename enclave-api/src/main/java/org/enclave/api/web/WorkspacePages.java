package org.enclave.api.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enclave.api.job.Job;
import org.enclave.api.job.JobService;
import org.enclave.api.job.JobSettings;
import org.enclave.api.project.ProjectId;
import org.enclave.api.project.ProjectService;
import org.enclave.api.release.ReleaseRequest;
import org.enclave.api.release.ReleaseService;
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
 * allows (the access decision compute relies on, audited as a use of the workspace), the SQL editor, the
 * workspace's jobs and its release requests.
 */
@Controller
class WorkspacePages {

    /** A workspace row with what its owner may do now. */
    public record Row(Workspace workspace, String projectTitle, boolean canClose, boolean canUse) {
    }

    private final WorkspaceService workspaces;
    private final ProjectService projects;
    private final JobService jobs;
    private final ReleaseService releases;
    private final JobSettings jobSettings;

    WorkspacePages(WorkspaceService workspaces, ProjectService projects, JobService jobs, ReleaseService releases,
                   JobSettings jobSettings) {
        this.workspaces = workspaces;
        this.projects = projects;
        this.jobs = jobs;
        this.releases = releases;
        this.jobSettings = jobSettings;
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
        return render(PortalModel.actor(), id, AnalysisForm.defaults(), new FormErrors(), model);
    }

    /** The workspace page with the editor holding {@code form}; a 400 when {@code errors} has any. */
    String render(Actor me, WorkspaceId id, Map<String, String> form, FormErrors errors, Model model) {
        Workspace w = workspaces.get(me, id);
        boolean usable = workspaces.canUse(me, w);
        var access = usable ? workspaces.access(me, id) : null;
        model.addAttribute("row", new Row(w, projects.load(w.projectId()).title(), workspaces.canClose(me, w), usable));
        model.addAttribute("access", access);
        Set<String> columns = new LinkedHashSet<>();
        if (access != null) {
            access.tables().forEach(t -> columns.addAll(t.columns()));
        }
        model.addAttribute("columns", columns);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.asMap());
        model.addAttribute("maxLimit", jobSettings.limitSeconds());
        List<Job> list = new ArrayList<>(jobs.ofWorkspace(me, id));
        Collections.reverse(list);
        model.addAttribute("jobs", list);
        List<ReleaseRequest> requests = releases.mine(me).stream().map(ReleaseService.Loaded::request)
                .filter(r -> r.workspaceId().equals(id))
                .sorted(Comparator.comparing(ReleaseRequest::createdAt).reversed()).toList();
        model.addAttribute("requests", requests);
        model.addAttribute("release", Map.of());
        return "portal/workspace";
    }

    @PostMapping("/portal/workspaces/{id}/close")
    String close(@PathVariable WorkspaceId id) {
        workspaces.close(PortalModel.actor(), id);
        return "redirect:/portal/workspaces?closed";
    }
}
