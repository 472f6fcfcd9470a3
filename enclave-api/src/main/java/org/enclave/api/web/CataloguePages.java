package org.enclave.api.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enclave.api.catalogue.CatalogueController;
import org.enclave.api.catalogue.CatalogueService;
import org.enclave.api.catalogue.ColumnSpec;
import org.enclave.api.catalogue.Dataset;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.catalogue.DatasetVersion;
import org.enclave.api.catalogue.Sensitivity;
import org.enclave.api.platform.DomainException;
import org.enclave.api.security.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The catalogue: everyone signed in browses datasets, versions and columns; a steward
 * ({@link CatalogueService#canRegister}) also sees the forms to register a dataset and a version, and
 * each version's manifest accounting.
 */
@Controller
class CataloguePages {

    /** A dataset row: the dataset and its version numbers. */
    public record Row(Dataset dataset, List<Integer> versions) {
    }

    private final CatalogueService catalogue;
    private final Validator validator;

    CataloguePages(CatalogueService catalogue, Validator validator) {
        this.catalogue = catalogue;
        this.validator = validator;
    }

    @GetMapping("/portal/catalogue")
    String list(Model model) {
        List<Row> rows = catalogue.list().stream().map(d -> new Row(d, catalogue.versions(d.id()))).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("canRegister", CatalogueService.canRegister(PortalModel.actor()));
        model.addAttribute("sensitivities", Sensitivity.values());
        model.addAttribute("form", Map.of());
        model.addAttribute("errors", Map.of());
        return "portal/catalogue";
    }

    @PostMapping("/portal/catalogue")
    String create(@RequestParam Map<String, String> form, Model model, HttpServletResponse response) {
        Actor me = PortalModel.actor();
        FormErrors errors = new FormErrors();
        Sensitivity sensitivity = parse(form.get("sensitivity"));
        Integer retention = integer(form.get("retentionDays"));
        var body = new CatalogueController.CreateDataset(blankToNull(form.get("name")), blankToNull(form.get("description")),
                blankToNull(form.get("owner")), sensitivity, blankToNull(form.get("licence")), retention);
        errors = FormErrors.validate(validator, body);
        if (!errors.any()) {
            try {
                Dataset d = catalogue.create(me, new CatalogueService.NewDataset(body.name(), body.description(), body.owner(),
                        body.sensitivity(), body.licence(), body.retentionDays()));
                return "redirect:/portal/catalogue/" + d.id() + "?created";
            } catch (DomainException.Invalid | DomainException.Conflict e) {
                errors.add(e instanceof DomainException.Invalid i ? i.field() : "name", e.getMessage());
            }
        }
        list(model);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.asMap());
        response.setStatus(400);
        return "portal/catalogue";
    }

    @GetMapping("/portal/catalogue/{id}")
    String dataset(@PathVariable DatasetId id, Model model) {
        Dataset d = catalogue.get(id);
        List<DatasetVersion> versions = new ArrayList<>();
        for (int n : catalogue.versions(id)) {
            versions.add(catalogue.version(id, n));
        }
        model.addAttribute("dataset", d);
        model.addAttribute("versions", versions);
        model.addAttribute("canRegister", CatalogueService.canRegister(PortalModel.actor()));
        model.addAttribute("form", Map.of());
        model.addAttribute("errors", Map.of());
        return "portal/dataset";
    }

    @PostMapping("/portal/catalogue/{id}/versions")
    String register(@PathVariable DatasetId id, @RequestParam(defaultValue = "") String location,
                    @RequestParam(defaultValue = "") String columns, Model model, HttpServletResponse response) {
        FormErrors errors;
        List<ColumnSpec> specs = new ArrayList<>();
        String parseError = ColumnLines.parse(columns, specs);
        var body = new CatalogueController.RegisterVersion(blankToNull(location), specs);
        errors = FormErrors.validate(validator, body);
        if (parseError != null) {
            errors.add("columns", parseError);
        }
        if (!errors.any()) {
            try {
                DatasetVersion v = catalogue.registerVersion(PortalModel.actor(), id, body.location(), body.columns());
                return "redirect:/portal/catalogue/" + id + "/versions/" + v.number() + "?registered";
            } catch (DomainException.Invalid e) {
                errors.add(e);
            }
        }
        dataset(id, model);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("location", location);
        form.put("columns", columns);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.asMap());
        response.setStatus(400);
        return "portal/dataset";
    }

    @GetMapping("/portal/catalogue/{id}/versions/{number}")
    String version(@PathVariable DatasetId id, @PathVariable int number, Model model) {
        DatasetVersion v = catalogue.version(id, number);
        model.addAttribute("dataset", catalogue.get(id));
        model.addAttribute("version", v);
        model.addAttribute("canRegister", CatalogueService.canRegister(PortalModel.actor()));
        // Row accounting is for stewards; others see the schema and the dummy-data link.
        if (CatalogueService.canRegister(PortalModel.actor())) {
            model.addAttribute("manifest", ManifestSummary.read(catalogue.folderOf(v), v.manifestSha256()));
        }
        return "portal/version";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Sensitivity parse(String s) {
        try {
            return s == null || s.isBlank() ? null : Sensitivity.valueOf(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Integer integer(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
