package org.enclave.api.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enclave.api.audit.AuditEntry;
import org.enclave.api.audit.AuditSearch;
import org.enclave.api.audit.AuditVerifier;
import org.enclave.api.audit.VerificationReport;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The auditor's page: the audit trail, newest first, filtered by actor, action (exact, or a prefix such
 * as {@code project.}) and days; and the verification of the whole chain and its signed heads, run when
 * the page is shown.
 */
@Controller
class AuditPages {

    static final int PAGE = 50;

    private final AuditSearch search;
    private final AuditVerifier verifier;

    AuditPages(AuditSearch search, AuditVerifier verifier) {
        this.search = search;
        this.verifier = verifier;
    }

    @GetMapping("/portal/audit")
    String audit(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String action,
                 @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String until,
                 @RequestParam(required = false) Long before, Model model) {
        Instant fromInstant = Dates.startOf(from);
        Instant untilInstant = Dates.endOf(until);
        List<AuditEntry> entries = search.search(new AuditSearch.Filter(actor, action, fromInstant, untilInstant, before), PAGE + 1);
        boolean more = entries.size() > PAGE;
        if (more) {
            entries = entries.subList(0, PAGE);
        }
        VerificationReport report = verifier.verify();
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("actor", actor);
        filter.put("action", action);
        filter.put("from", fromInstant == null ? "" : from);
        filter.put("until", untilInstant == null ? "" : until);
        model.addAttribute("filter", filter);
        model.addAttribute("entries", entries);
        model.addAttribute("nextBefore", more ? entries.get(entries.size() - 1).seq() : null);
        model.addAttribute("actions", search.actions());
        model.addAttribute("report", report);
        return "portal/audit";
    }
}
