package org.enclave.api.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.enclave.api.job.Job;
import org.enclave.api.job.JobService;
import org.enclave.api.job.JobState;
import org.enclave.api.platform.DomainException;
import org.enclave.api.release.Comment;
import org.enclave.api.release.ReleaseController;
import org.enclave.api.release.ReleaseId;
import org.enclave.api.release.ReleaseOutput;
import org.enclave.api.release.ReleasePublisher;
import org.enclave.api.release.ReleaseRequest;
import org.enclave.api.release.ReleaseService;
import org.enclave.api.security.Actor;
import org.enclave.api.workspace.WorkspaceId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Release requests as their author sees them: create one from a workspace, add and remove aggregate
 * outputs, submit, withdraw, release once approved, download the signed package once released (the one
 * download of the enclave). Each button is shown when the request's {@code can(move)} says so; the author
 * sees each output's verdict and summary, never the per-cell record, and the decisions of the checkers,
 * never their reasons (the service hides them).
 */
@Controller
class ReleasePages {

    private final ReleaseService releases;
    private final ReleasePublisher publisher;
    private final JobService jobs;
    private final WorkspacePages workspacePages;
    private final Validator validator;

    ReleasePages(ReleaseService releases, ReleasePublisher publisher, JobService jobs, WorkspacePages workspacePages,
                 Validator validator) {
        this.releases = releases;
        this.publisher = publisher;
        this.jobs = jobs;
        this.workspacePages = workspacePages;
        this.validator = validator;
    }

    @GetMapping("/portal/releases")
    String mine(Model model) {
        Actor me = PortalModel.actor();
        model.addAttribute("requests", releases.mine(me).stream()
                .sorted(Comparator.comparing((ReleaseService.Loaded l) -> l.request().createdAt()).reversed()).toList());
        return "portal/releases";
    }

    @PostMapping("/portal/workspaces/{id}/releases")
    String create(@PathVariable WorkspaceId id, @RequestParam Map<String, String> form, Model model,
                  HttpServletResponse response) {
        Actor me = PortalModel.actor();
        var body = new ReleaseController.CreateBody(id, blank(form.get("context")), blank(form.get("controls")));
        FormErrors errors = FormErrors.validate(validator, body);
        if (!errors.any()) {
            ReleaseRequest r = releases.create(me, id, body.context(), body.controls());
            return "redirect:/portal/releases/" + r.id() + "?created";
        }
        response.setStatus(400);
        String page = workspacePages.render(me, id, AnalysisForm.defaults(), new FormErrors(), model);
        model.addAttribute("release", form);
        model.addAttribute("releaseErrors", errors.asMap());
        return page;
    }

    @GetMapping("/portal/releases/{id}")
    String request(@PathVariable ReleaseId id, Model model) {
        return render(PortalModel.actor(), id, Map.of(), new FormErrors(), model);
    }

    String render(Actor me, ReleaseId id, Map<String, String> form, FormErrors errors, Model model) {
        ReleaseService.Loaded l = releases.get(me, id);
        ReleaseRequest r = l.request();
        model.addAttribute("r", r);
        model.addAttribute("project", l.project());
        model.addAttribute("comments", l.comments());
        model.addAttribute("votes", r.votesVisibleTo(me));
        boolean canEdit = r.can(ReleaseRequest.Move.EDIT_OUTPUTS, me, l.workspace());
        model.addAttribute("canEdit", canEdit);
        model.addAttribute("canSubmit", r.can(ReleaseRequest.Move.SUBMIT, me, l.workspace()));
        model.addAttribute("whyNotSubmit", r.whyNot(ReleaseRequest.Move.SUBMIT, me, l.workspace()).map(Throwable::getMessage)
                .orElse(null));
        model.addAttribute("canWithdraw", r.can(ReleaseRequest.Move.WITHDRAW, me, l.workspace()));
        model.addAttribute("canRelease", r.can(ReleaseRequest.Move.RELEASE, me, l.workspace()));
        model.addAttribute("canDownload", r.can(ReleaseRequest.Move.DOWNLOAD, me, l.workspace()));
        model.addAttribute("canComment", r.whyNotComment(me, Comment.Visibility.PUBLIC).isEmpty());
        model.addAttribute("candidates", canEdit ? candidates(me, r) : List.of());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.asMap());
        return "portal/release";
    }

    /** The workspace's succeeded aggregate jobs not yet in the request: what may be added. */
    private List<Job> candidates(Actor me, ReleaseRequest r) {
        Set<UUID> used = r.outputs().stream().map(ReleaseOutput::jobId).collect(Collectors.toSet());
        return jobs.ofWorkspace(me, r.workspaceId()).stream()
                .filter(j -> j.kind() == Job.Kind.AGGREGATE && j.state() == JobState.SUCCEEDED && !used.contains(j.id().value()))
                .toList();
    }

    @PostMapping("/portal/releases/{id}/outputs")
    String addOutput(@PathVariable ReleaseId id, @RequestParam Map<String, String> form, Model model, HttpServletResponse response) {
        Actor me = PortalModel.actor();
        String name = form.getOrDefault("name", "").trim();
        FormErrors errors = new FormErrors();
        UUID job = null;
        try {
            job = UUID.fromString(form.getOrDefault("jobId", ""));
        } catch (IllegalArgumentException e) {
            errors.add("jobId", "choose one of the workspace's succeeded aggregate jobs");
        }
        if (!name.matches(ReleaseOutput.NAME_PATTERN)) {
            errors.add("name", "a name is 1 to 64 letters, digits, '-' or '_', starting with a letter or digit (it becomes a file name)");
        }
        if (!errors.any()) {
            try {
                releases.putOutput(me, id, name, job);
                return "redirect:/portal/releases/" + id + "?added";
            } catch (DomainException.Invalid e) {
                errors.add(e.field(), e.getMessage());
            }
        }
        response.setStatus(400);
        return render(me, id, form, errors, model);
    }

    @PostMapping("/portal/releases/{id}/outputs/{name}/remove")
    String removeOutput(@PathVariable ReleaseId id, @PathVariable String name) {
        releases.removeOutput(PortalModel.actor(), id, name);
        return "redirect:/portal/releases/" + id + "?removed";
    }

    @PostMapping("/portal/releases/{id}/submit")
    String submit(@PathVariable ReleaseId id) {
        releases.submit(PortalModel.actor(), id);
        return "redirect:/portal/releases/" + id + "?submitted";
    }

    @PostMapping("/portal/releases/{id}/withdraw")
    String withdraw(@PathVariable ReleaseId id) {
        releases.withdraw(PortalModel.actor(), id);
        return "redirect:/portal/releases/" + id + "?withdrawn";
    }

    @PostMapping("/portal/releases/{id}/release")
    String release(@PathVariable ReleaseId id) {
        publisher.release(PortalModel.actor(), id);
        return "redirect:/portal/releases/" + id + "?released";
    }

    @PostMapping("/portal/releases/{id}/comments")
    String comment(@PathVariable ReleaseId id, @RequestParam Map<String, String> form, Model model, HttpServletResponse response) {
        Actor me = PortalModel.actor();
        var body = new ReleaseController.CommentBody(Comment.Visibility.PUBLIC, blank(form.get("text")));
        FormErrors errors = FormErrors.validate(validator, body);
        if (!errors.any()) {
            releases.comment(me, id, body.visibility(), body.text());
            return "redirect:/portal/releases/" + id + "?commented#comments-title";
        }
        response.setStatus(400);
        return render(me, id, form, errors, model);
    }

    /**
     * IMPORTANT: the only download of the enclave. {@link ReleasePublisher#download} checks that the caller
     * is the author of a RELEASED request, verifies the zip against the checksum recorded at release and
     * audits the download before any byte is sent.
     */
    @GetMapping("/portal/releases/{id}/package")
    ResponseEntity<byte[]> download(@PathVariable ReleaseId id) {
        byte[] zip = publisher.download(PortalModel.actor(), id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"release-" + id + ".zip\"")
                .contentType(MediaType.parseMediaType("application/zip"))
                .body(zip);
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
