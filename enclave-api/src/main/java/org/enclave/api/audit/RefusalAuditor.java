package org.enclave.api.audit;

import org.enclave.api.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records refused requests (403, 404 on an id, 409) as {@code DENIED} entries. The request's own
 * transaction has rolled back, so the entry is written in a transaction of its own. If even that fails
 * the request is still refused (failing closed) and the failure is logged.
 */
@Component
public class RefusalAuditor {

    private static final Logger log = LoggerFactory.getLogger(RefusalAuditor.class);

    private final AuditLog auditLog;

    public RefusalAuditor(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    public void refused(Actor actor, String method, String path, int status, String reason) {
        try {
            auditLog.appendAlone(AuditEvent.of(actor.username(), "request.refused", "request", method + " " + path, Outcome.DENIED)
                    .with("status", status).with("reason", reason));
        } catch (RuntimeException e) {
            log.error("could not audit a refused request ({} {} -> {}); it stays refused", method, path, status, e);
        }
    }
}
