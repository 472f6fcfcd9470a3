package org.enclave.api.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enclave.api.release.Comment;
import org.enclave.api.release.OutputCheck;
import org.enclave.api.release.ReleaseController;
import org.enclave.api.release.ReleaseId;
import org.enclave.api.release.ReleaseOutput;
import org.enclave.api.release.ReleaseRequest;
import org.enclave.api.release.ReleaseService;
import org.enclave.api.release.Vote;
import org.enclave.api.security.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * Output checking: the queue of release requests waiting for the checker's vote, and a request as a
 * checker sees it — each output's table re-evaluated by the enclave ({@link OutputCheck}, as at
 * submission and release) with its suppressions and their reasons, the differencing flags, the votes the
 * service lets them see, private and public comments, and the vote form when the request's
 * {@code can(VOTE)} says they may vote.
 */
@Controller
class ReviewPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One output for review: the snapshot, its table as the enclave evaluates it now, and compute's own verdict. */
    public record OutputReview(ReleaseOutput output, SdcTableView sdc, String computeVerdict) {
    }

    private final ReleaseService releases;
    private final Validator validator;

    ReviewPages(ReleaseService releases, Validator validator) {
        this.releases = releases;
        this.validator = validator;
    }

    @GetMapping("/portal/checker")
    String queue(Model model) {
        model.addAttribute("queue", releases.queue(PortalModel.actor()));
        return "portal/checker";
    }

    @GetMapping("/portal/checker/releases/{id}")
    String request(@PathVariable ReleaseId id, Model model) {
        return render(PortalModel.actor(), id, Map.of(), new FormErrors(), model);
    }

    String render(Actor me, ReleaseId id, Map<String, String> form, FormErrors errors, Model model) {
        ReleaseService.Loaded l = releases.get(me, id);
        ReleaseRequest r = l.request();
        model.addAttribute("r", r);
        model.addAttribute("project", l.project());
        model.addAttribute("checker", r.isCheckerFor(me));
        model.addAttribute("outputs", r.isCheckerFor(me) ? r.outputs().stream().map(ReviewPages::review).toList() : List.of());
        model.addAttribute("flags", l.flags());
        model.addAttribute("votes", r.votesVisibleTo(me));
        model.addAttribute("comments", l.comments());
        Optional<String> whyNotVote = r.whyNot(ReleaseRequest.Move.VOTE, me, Optional.empty()).map(Throwable::getMessage);
        model.addAttribute("canVote", whyNotVote.isEmpty());
        model.addAttribute("whyNotVote", whyNotVote.orElse(null));
        model.addAttribute("whyNotApprove", r.whyNotVote(me, Vote.Decision.APPROVE).map(Throwable::getMessage).orElse(null));
        model.addAttribute("canComment", r.whyNotComment(me, Comment.Visibility.PRIVATE).isEmpty());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.asMap());
        return "portal/checker-release";
    }

    static OutputReview review(ReleaseOutput o) {
        SdcTableView sdc = SdcTableView.of(o.name(), OutputCheck.evaluate(o.cellTableJson(), o.policy(), o.name()));
        String compute = o.computeSdcJson() == null ? null
                : JSON.readTree(o.computeSdcJson()).path("evaluation").path("status").asString(null);
        return new OutputReview(o, sdc, compute);
    }

    @PostMapping("/portal/checker/releases/{id}/votes")
    String vote(@PathVariable ReleaseId id, @RequestParam Map<String, String> form, Model model, HttpServletResponse response) {
        Actor me = PortalModel.actor();
        Vote.Decision decision = decision(form.get("decision"));
        var body = new ReleaseController.VoteBody(decision, ReleasePages.blank(form.get("reason")));
        FormErrors errors = FormErrors.validate(validator, body);
        if (!errors.any()) {
            releases.vote(me, id, body.decision(), body.reason());
            return "redirect:/portal/checker/releases/" + id + "?voted";
        }
        response.setStatus(400);
        return render(me, id, form, errors, model);
    }

    @PostMapping("/portal/checker/releases/{id}/comments")
    String comment(@PathVariable ReleaseId id, @RequestParam Map<String, String> form, Model model, HttpServletResponse response) {
        Actor me = PortalModel.actor();
        Comment.Visibility visibility = "PUBLIC".equals(form.get("visibility")) ? Comment.Visibility.PUBLIC : Comment.Visibility.PRIVATE;
        var body = new ReleaseController.CommentBody(visibility, ReleasePages.blank(form.get("text")));
        FormErrors errors = FormErrors.validate(validator, body);
        if (!errors.any()) {
            releases.comment(me, id, body.visibility(), body.text());
            return "redirect:/portal/checker/releases/" + id + "?commented#comments-title";
        }
        response.setStatus(400);
        return render(me, id, form, errors, model);
    }

    private static Vote.Decision decision(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Vote.Decision.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
