package org.enclave.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Auditors read the log page by page and verify the chain (role {@code auditor}, see SecurityConfiguration). */
@RestController
@RequestMapping("/api/audit")
public class AuditController {

    private final AuditLog auditLog;
    private final AuditVerifier verifier;

    AuditController(AuditLog auditLog, AuditVerifier verifier) {
        this.auditLog = auditLog;
        this.verifier = verifier;
    }

    @Operation(summary = "Audit entries after a sequence number, oldest first")
    @GetMapping("/entries")
    public List<AuditEntry> entries(@RequestParam(defaultValue = "0") @Min(0) long afterSeq,
                                    @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return auditLog.page(afterSeq, limit);
    }

    @Operation(summary = "Verify the whole chain and the signed heads; names the first broken entry")
    @GetMapping("/verification")
    public VerificationReport verification() {
        return verifier.verify();
    }
}
