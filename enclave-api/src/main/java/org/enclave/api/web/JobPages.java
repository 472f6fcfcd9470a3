package org.enclave.api.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.enclave.api.job.Analysis;
import org.enclave.api.job.Job;
import org.enclave.api.job.JobId;
import org.enclave.api.job.JobResults;
import org.enclave.api.job.JobService;
import org.enclave.api.job.JobSettings;
import org.enclave.api.job.JobState;
import org.enclave.api.platform.DomainException;
import org.enclave.api.release.OutputCheck;
import org.enclave.api.security.Actor;
import org.enclave.api.workspace.WorkspaceId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * Jobs in a researcher's workspace: submit an analysis from the SQL editor, follow it, cancel it, read
 * its result inside the enclave (a rows job's rows page by page, never as a download; an aggregate job's
 * table with the enclave's disclosure verdict on every cell). {@link JobService} and {@link JobResults}
 * decide everything, and every read of a result is audited by them.
 */
@Controller
class JobPages {

    /** Rows shown per page of the viewer (the service caps it again at {@code enclave.jobs.rows-page-max}). */
    static final int PAGE = 50;

    /** Where the guard (or Spark's analyzer) put the fault: the SQL line and a caret under the column. */
    public record Fault(int line, String text, String caret) {
    }

    /** One page of a rows job, as text. */
    public record RowsView(List<String> columns, List<List<String>> rows, long from, long to, long total, boolean truncated,
                           Long previous, Long next) {
    }

    private final JobService jobs;
    private final JobResults results;
    private final JobSettings settings;
    private final WorkspacePages workspacePages;

    JobPages(JobService jobs, JobResults results, JobSettings settings, WorkspacePages workspacePages) {
        this.jobs = jobs;
        this.results = results;
        this.settings = settings;
        this.workspacePages = workspacePages;
    }

    @PostMapping("/portal/workspaces/{id}/jobs")
    String submit(@PathVariable WorkspaceId id, @RequestParam Map<String, String> form, Model model,
                  HttpServletResponse response) {
        Actor me = PortalModel.actor();
        FormErrors errors = new FormErrors();
        try {
            Analysis analysis = AnalysisForm.parse(form);
            Job job = jobs.submit(me, id, analysis);
            return "redirect:/portal/jobs/" + job.id() + "?submitted";
        } catch (DomainException.Invalid e) {
            errors.add(field(e.field()), e.getMessage());
        }
        response.setStatus(400);
        return workspacePages.render(me, id, form, errors, model);
    }

    /** The editor's field an {@link Analysis} error is about. */
    static String field(String apiField) {
        if (apiField == null) {
            return "form";
        }
        if (apiField.startsWith("output.measures") && apiField.endsWith(".column")) {
            return "sum";
        }
        if (apiField.startsWith("output.")) {
            String rest = apiField.substring("output.".length()).replaceAll("[\\[.].*$", "");
            return rest.equals("measures") ? "measures" : rest;
        }
        return apiField;
    }

    @GetMapping("/portal/jobs/{id}")
    String job(@PathVariable JobId id, @RequestParam(defaultValue = "0") long offset, Model model) {
        Actor me = PortalModel.actor();
        Job job = jobs.get(me, id);
        model.addAttribute("job", job);
        model.addAttribute("shortId", Fmt.shortOf(job.id()));
        model.addAttribute("canCancel", job.can(Job.Move.CANCEL, me));
        model.addAttribute("fault", fault(job));
        boolean readable = results.canRead(me, job);
        model.addAttribute("readable", readable);
        model.addAttribute("rows", null);
        model.addAttribute("sdc", null);
        model.addAttribute("computeVerdict", null);
        if (readable && job.kind() == Job.Kind.ROWS) {
            model.addAttribute("rows", rows(results.rows(me, id, Math.max(0, offset), PAGE)));
        } else if (readable) {
            JsonNode sdc = results.aggregate(me, id);
            model.addAttribute("sdc", SdcTableView.of("Result of job " + Fmt.shortOf(job.id()),
                    OutputCheck.evaluate(sdc.path("table").toString(), sdc.path("policy").asString(job.policy()), "job " + id)));
            model.addAttribute("computeVerdict", sdc.path("evaluation").path("status").asString(null));
        }
        model.addAttribute("maxRows", settings.maxRows());
        return "portal/job";
    }

    @PostMapping("/portal/jobs/{id}/cancel")
    String cancel(@PathVariable JobId id) {
        jobs.cancel(PortalModel.actor(), id);
        return "redirect:/portal/jobs/" + id + "?cancelled";
    }

    static Fault fault(Job job) {
        if (job.state() != JobState.FAILED || job.error() == null || job.error().line() == null) {
            return null;
        }
        String[] lines = job.sql().split("\r?\n", -1);
        int line = job.error().line();
        if (line < 1 || line > lines.length) {
            return null;
        }
        Integer column = job.error().column();
        String caret = column == null || column < 1 ? "" : " ".repeat(column - 1) + "^";
        return new Fault(line, lines[line - 1], caret);
    }

    static RowsView rows(JobResults.RowsPage page) {
        List<String> columns = new ArrayList<>();
        page.columns().forEach(c -> columns.add(c.isObject() ? c.path("name").asString() : c.asString()));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : page.rows()) {
            List<String> cells = new ArrayList<>();
            row.forEach(v -> cells.add(v.isNull() ? "" : v.isValueNode() ? v.asString() : v.toString()));
            rows.add(cells);
        }
        long from = page.offset() + 1;
        long to = page.offset() + rows.size();
        Long previous = page.offset() > 0 ? Math.max(0, page.offset() - PAGE) : null;
        Long next = to < page.total() ? to : null;
        return new RowsView(columns, rows, rows.isEmpty() ? 0 : from, to, page.total(), page.truncated(), previous, next);
    }
}
