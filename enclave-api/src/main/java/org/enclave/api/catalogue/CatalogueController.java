package org.enclave.api.catalogue;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.enclave.api.security.Actor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/datasets}: stewards register, everyone signed in browses and downloads dummy data. */
@RestController
@RequestMapping("/api/datasets")
public class CatalogueController {

    public record CreateDataset(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{1,62}", message = "must be a lower-case identifier") String name,
            @NotBlank @Size(max = 4000) String description,
            @NotBlank @Size(max = 200) String owner,
            @NotNull Sensitivity sensitivity,
            @NotBlank @Size(max = 200) String licence,
            @NotNull @Min(1) @Max(36500) Integer retentionDays) {
    }

    public record RegisterVersion(@NotBlank @Size(max = 500) String location,
                                  @NotEmpty @Size(max = 500) List<@Valid @NotNull ColumnSpec> columns) {
    }

    public record DatasetView(Dataset dataset, List<Integer> versions) {
    }

    private final CatalogueService catalogue;

    CatalogueController(CatalogueService catalogue) {
        this.catalogue = catalogue;
    }

    @Operation(summary = "List datasets (anyone signed in)")
    @GetMapping
    public List<Dataset> list() {
        return catalogue.list();
    }

    @Operation(summary = "Register a dataset (steward)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Dataset create(@Valid @RequestBody CreateDataset body, Authentication auth) {
        return catalogue.create(Actor.of(auth), new CatalogueService.NewDataset(body.name(), body.description(), body.owner(),
                body.sensitivity(), body.licence(), body.retentionDays()));
    }

    @Operation(summary = "A dataset and its version numbers")
    @GetMapping("/{id}")
    public DatasetView get(@PathVariable DatasetId id) {
        return new DatasetView(catalogue.get(id), catalogue.versions(id));
    }

    @Operation(summary = "Register the next immutable version from a verified lake folder (steward)")
    @PostMapping("/{id}/versions")
    @ResponseStatus(HttpStatus.CREATED)
    public DatasetVersion register(@PathVariable DatasetId id, @Valid @RequestBody RegisterVersion body, Authentication auth) {
        return catalogue.registerVersion(Actor.of(auth), id, body.location(), body.columns());
    }

    @Operation(summary = "A dataset version with its columns")
    @GetMapping("/{id}/versions/{number}")
    public DatasetVersion version(@PathVariable DatasetId id, @PathVariable int number) {
        return catalogue.version(id, number);
    }

    @Operation(summary = "Synthetic CSV from the version's schema alone (no real value)")
    @GetMapping(value = "/{id}/versions/{number}/dummy.csv", produces = "text/csv")
    public ResponseEntity<String> dummy(@PathVariable DatasetId id, @PathVariable int number,
                                        @RequestParam(defaultValue = "20") @Min(1) @Max(DummyData.MAX_ROWS) int rows) {
        DatasetVersion v = catalogue.version(id, number);
        String name = catalogue.get(id).name() + "-v" + number + "-dummy.csv";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .body(DummyData.csv(v, rows));
    }
}
