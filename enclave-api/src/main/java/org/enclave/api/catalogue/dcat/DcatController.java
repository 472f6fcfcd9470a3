package org.enclave.api.catalogue.dcat;

import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/catalogue/dcat}: public, metadata only, so that the datasets can be found from outside. */
@RestController
public class DcatController {

    private final DcatExport export;

    DcatController(DcatExport export) {
        this.export = export;
    }

    @Operation(summary = "The catalogue as DCAT-AP JSON-LD: metadata only, never data (no sign-in)")
    @GetMapping(value = "/api/catalogue/dcat", produces = {DcatExport.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<Map<String, Object>> dcat() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(DcatExport.MEDIA_TYPE)).body(export.document());
    }
}
