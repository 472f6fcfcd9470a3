package org.enclave.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.enclave.api.audit.RefusalAuditor;
import org.enclave.api.platform.DomainException;
import org.enclave.api.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors on portal pages are pages, never problem JSON or a stack trace: a domain
 * refusal shows its message and status, and 403/404/409 are audited as refusals, as in the API; a bad
 * id is a 404; anything else is a bug page with an incident id matching the server log.
 */
@ControllerAdvice(basePackageClasses = PortalErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
@Controller
class PortalErrors {

    static final String DENIED_PATH = "/portal/denied";
    static final String STATUS_ATTRIBUTE = PortalErrors.class.getName() + ".status";
    static final String MESSAGE_ATTRIBUTE = PortalErrors.class.getName() + ".message";

    private static final Logger log = LoggerFactory.getLogger(PortalErrors.class);

    private final RefusalAuditor refusals;

    PortalErrors(RefusalAuditor refusals) {
        this.refusals = refusals;
    }

    @ExceptionHandler(DomainException.class)
    String domain(DomainException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        Actor actor = PortalModel.actor();
        if (actor != null && e.status() != HttpStatus.BAD_REQUEST) {
            refusals.refused(actor, request.getMethod(), request.getRequestURI(), e.status().value(), e.getMessage());
        }
        return page(response, model, e.status().value(), title(e.status()), e.getMessage(), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String badId(HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(response, model, 404, "Not found", "There is no such page.", request);
    }

    @ExceptionHandler(Exception.class)
    String bug(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        String incident = UUID.randomUUID().toString();
        log.error("portal internal error, incident {}", incident, e);
        return page(response, model, 500, "Internal error",
                "This is a bug in Enclave, not a problem with your request. Incident " + incident + ".", request);
    }

    /** Where a role refusal is forwarded by the portal's filter chain. */
    @GetMapping(DENIED_PATH)
    String denied(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object status = request.getAttribute(STATUS_ATTRIBUTE);
        Object message = request.getAttribute(MESSAGE_ATTRIBUTE);
        return page(response, model, status instanceof Integer s ? s : 403, "Not allowed",
                message instanceof String m ? m : "Your roles do not allow this page or action.", request);
    }

    private static String page(HttpServletResponse response, Model model, int status, String title, String message,
                               HttpServletRequest request) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        Actor a = PortalModel.actor();
        model.addAttribute("me", a);
        model.addAttribute("nav", a == null ? java.util.List.of() : Nav.of(a, request.getRequestURI()));
        model.addAttribute("myRoles", a == null ? java.util.List.of()
                : a.roles().stream().sorted().map(r -> r.name().toLowerCase()).toList());
        return "portal/error";
    }

    private static String title(HttpStatus status) {
        return switch (status) {
            case FORBIDDEN -> "Not allowed";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Not possible now";
            case BAD_REQUEST -> "Please check the form";
            default -> status.getReasonPhrase();
        };
    }
}
