package org.enclave.api.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enclave.api.catalogue.CatalogueService;
import org.enclave.api.catalogue.Dataset;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.catalogue.DatasetVersion;
import org.enclave.api.platform.DomainException;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectController;
import org.enclave.api.project.ProjectId;
import org.enclave.api.project.ProjectService;
import org.enclave.api.security.Actor;
import org.enclave.api.workspace.Workspace;
import org.enclave.api.workspace.WorkspaceService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Projects: a researcher's applications and grants (apply, submit, open a workspace), and the project
 * page every member and committee member sees, with the decision forms the viewer may use.
 */
@Controller
class ProjectPages {

    /** A dataset offered in the application form: its newest version's columns. */
    public record Offer(Dataset dataset, DatasetVersion latest) {
    }

    private final ProjectService projects;
    private final WorkspaceService workspaces;
    private final CatalogueService catalogue;
    private final Validator validator;

    ProjectPages(ProjectService projects, WorkspaceService workspaces, CatalogueService catalogue, Validator validator) {
        this.projects = projects;
        this.workspaces = workspaces;
        this.catalogue = catalogue;
        this.validator = validator;
    }

    @GetMapping("/portal/projects")
    String list(Model model) {
        Actor me = PortalModel.actor();
        List<ProjectCard> cards = projects.list(me).stream()
                .sorted(Comparator.comparing(Project::createdAt).reversed())
                .map(p -> ProjectCard.of(p, me, workspaces.canOpen(me, p))).toList();
        model.addAttribute("cards", cards);
        model.addAttribute("names", datasetNames());
        return "portal/projects";
    }

    @GetMapping("/portal/projects/{id}")
    String project(@PathVariable ProjectId id, Model model) {
        Actor me = PortalModel.actor();
        Project p = projects.get(me, id);
        model.addAttribute("card", ProjectCard.of(p, me, workspaces.canOpen(me, p)));
        model.addAttribute("names", datasetNames());
        Map<String, String> decision = new LinkedHashMap<>();
        decision.put("validFrom", Dates.formFrom(p.requested().from()));
        decision.put("validUntil", Dates.formUntil(p.requested().until()));
        model.addAttribute("decision", decision);
        model.addAttribute("ticked", null);
        model.addAttribute("errors", Map.of());
        model.addAttribute("workspaceUntil", LocalDate.now(ZoneOffset.UTC).plusDays(7).toString());
        return "portal/project";
    }

    @GetMapping("/portal/projects/new")
    String applicationForm(Model model) {
        model.addAttribute("offers", offers());
        model.addAttribute("form", Map.of("requestedFrom", LocalDate.now(ZoneOffset.UTC).toString(),
                "requestedUntil", LocalDate.now(ZoneOffset.UTC).plusYears(1).toString()));
        model.addAttribute("ticked", Set.of());
        model.addAttribute("errors", Map.of());
        return "portal/apply";
    }

    @PostMapping("/portal/projects/new")
    String apply(@RequestParam Map<String, String> form, @RequestParam(name = "col", required = false) List<String> ticked,
                 @RequestParam(defaultValue = "draft") String action, Model model, HttpServletResponse response) {
        Actor me = PortalModel.actor();
        Set<String> members = new LinkedHashSet<>();
        for (String m : form.getOrDefault("members", "").split("[,;\\s]+")) {
            if (!m.isBlank()) {
                members.add(m.trim());
            }
        }
        Instant from = Dates.startOf(form.get("requestedFrom"));
        Instant until = Dates.endOf(form.get("requestedUntil"));
        List<ProjectController.DatasetColumns> datasets = ColumnChoices.parse(ticked);
        var body = new ProjectController.ApplicationBody(blank(form.get("title")), blank(form.get("purpose")),
                blank(form.get("legalBasis")), members, from, until, datasets, blank(form.get("institution")));
        FormErrors errors = FormErrors.validate(validator, body);
        if (!errors.any()) {
            try {
                Project p = projects.apply(me, new ProjectService.Application(body.title(), body.purpose(), body.legalBasis(),
                        members, new Project.Window(from, until), ColumnChoices.asMap(datasets)));
                if ("submit".equals(action)) {
                    projects.submit(me, p.id());
                    return "redirect:/portal/projects/" + p.id() + "?submitted";
                }
                return "redirect:/portal/projects/" + p.id() + "?saved";
            } catch (DomainException.Invalid e) {
                errors.add(e);
            }
        }
        model.addAttribute("offers", offers());
        model.addAttribute("form", form);
        model.addAttribute("ticked", ticked == null ? Set.of() : Set.copyOf(ticked));
        model.addAttribute("errors", errors.asMap());
        response.setStatus(400);
        return "portal/apply";
    }

    @PostMapping("/portal/projects/{id}/submit")
    String submit(@PathVariable ProjectId id) {
        projects.submit(PortalModel.actor(), id);
        return "redirect:/portal/projects/" + id + "?submitted";
    }

    @PostMapping("/portal/projects/{id}/workspaces")
    String openWorkspace(@PathVariable ProjectId id, @RequestParam(defaultValue = "") String until) {
        Instant end = Dates.endOf(until);
        if (end == null) {
            throw new DomainException.Invalid("until", "choose the last day the workspace should stay open");
        }
        Workspace w = workspaces.open(PortalModel.actor(), id, end);
        return "redirect:/portal/workspaces/" + w.id() + "?opened";
    }

    private List<Offer> offers() {
        return catalogue.list().stream()
                .flatMap(d -> catalogue.latest(d.id()).map(v -> new Offer(d, v)).stream())
                .toList();
    }

    private Map<DatasetId, String> datasetNames() {
        Map<DatasetId, String> names = new LinkedHashMap<>();
        catalogue.list().forEach(d -> names.put(d.id(), d.name()));
        return names;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
