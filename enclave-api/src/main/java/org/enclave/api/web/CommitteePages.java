package org.enclave.api.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enclave.api.catalogue.CatalogueService;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.platform.DomainException;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectController;
import org.enclave.api.project.ProjectId;
import org.enclave.api.project.ProjectService;
import org.enclave.api.project.ProjectState;
import org.enclave.api.security.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The committee: the queue of submitted applications (oldest first), and the decisions taken on a
 * project's page: approve (granted columns among those requested, validity window, reasons) or reject
 * (reasons); revoke or end an approved project.
 */
@Controller
class CommitteePages {

    private final ProjectService projects;
    private final CatalogueService catalogue;
    private final Validator validator;
    private final ProjectPages projectPage;

    CommitteePages(ProjectService projects, CatalogueService catalogue, Validator validator, ProjectPages projectPage) {
        this.projects = projects;
        this.catalogue = catalogue;
        this.validator = validator;
        this.projectPage = projectPage;
    }

    @GetMapping("/portal/committee")
    String queue(Model model) {
        Actor me = PortalModel.actor();
        List<ProjectCard> waiting = projects.list(me).stream()
                .filter(p -> p.state() == ProjectState.SUBMITTED)
                .sorted(Comparator.comparing(Project::createdAt))
                .map(p -> ProjectCard.of(p, me, false)).toList();
        Map<DatasetId, String> names = new LinkedHashMap<>();
        catalogue.list().forEach(d -> names.put(d.id(), d.name()));
        model.addAttribute("waiting", waiting);
        model.addAttribute("names", names);
        return "portal/committee";
    }

    @PostMapping("/portal/projects/{id}/decision")
    String decide(@PathVariable ProjectId id, @RequestParam Map<String, String> form,
                  @RequestParam(name = "col", required = false) List<String> ticked,
                  @RequestParam(defaultValue = "") String decision, Model model, HttpServletResponse response) {
        Actor me = PortalModel.actor();
        String reason = form.getOrDefault("reason", "").trim();
        FormErrors errors;
        if ("reject".equals(decision)) {
            errors = FormErrors.validate(validator, new ProjectController.ReasonBody(reason.isEmpty() ? null : reason));
            if (!errors.any()) {
                projects.reject(me, id, reason);
                return "redirect:/portal/projects/" + id + "?rejected";
            }
        } else if ("approve".equals(decision)) {
            Instant from = Dates.startOf(form.get("validFrom"));
            Instant until = Dates.endOf(form.get("validUntil"));
            List<ProjectController.DatasetColumns> columns = ColumnChoices.parse(ticked);
            var body = new ProjectController.ApprovalBody(from, until, columns, reason.isEmpty() ? null : reason);
            errors = FormErrors.validate(validator, body);
            if (!errors.any()) {
                try {
                    projects.approve(me, id, new Project.Window(from, until), ColumnChoices.asMap(columns), reason);
                    return "redirect:/portal/projects/" + id + "?approved";
                } catch (DomainException.Invalid e) {
                    errors.add(e);
                }
            }
        } else {
            errors = new FormErrors().add("decision", "choose approve or reject");
        }
        projectPage.project(id, model);
        model.addAttribute("decision", form);
        model.addAttribute("ticked", ticked == null ? Set.of() : Set.copyOf(ticked));
        model.addAttribute("errors", errors.asMap());
        response.setStatus(400);
        return "portal/project";
    }

    @PostMapping("/portal/projects/{id}/revoke")
    String revoke(@PathVariable ProjectId id, @RequestParam(defaultValue = "") String reason) {
        projects.revoke(PortalModel.actor(), id, requireReason(reason));
        return "redirect:/portal/projects/" + id + "?revoked";
    }

    @PostMapping("/portal/projects/{id}/end")
    String end(@PathVariable ProjectId id, @RequestParam(defaultValue = "") String reason) {
        projects.end(PortalModel.actor(), id, requireReason(reason));
        return "redirect:/portal/projects/" + id + "?ended";
    }

    private String requireReason(String reason) {
        FormErrors errors = FormErrors.validate(validator, new ProjectController.ReasonBody(reason.isBlank() ? null : reason.trim()));
        if (errors.any()) {
            throw new DomainException.Invalid("reason", "reason " + errors.asMap().values().iterator().next());
        }
        return reason.trim();
    }
}
