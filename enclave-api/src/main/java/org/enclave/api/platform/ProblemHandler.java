package org.enclave.api.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.enclave.api.audit.RefusalAuditor;
import org.enclave.api.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as an RFC 9457 problem detail ({@code application/problem+json}) and never with a
 * stack trace:
 * <ul>
 *   <li>domain refusals ({@link DomainException}) keep their status and message; 403, 404 and 409 to a
 *       signed-in user are also written to the audit log as {@code DENIED};</li>
 *   <li>bad input is a 400 whose {@code errors} name each field;</li>
 *   <li>anything else is a bug: a 500 that says so, with an incident id matching the server log.</li>
 * </ul>
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final RefusalAuditor refusals;

    public ProblemHandler(RefusalAuditor refusals) {
        this.refusals = refusals;
    }

    public static URI type(String slug) {
        return URI.create("/problems/" + slug);
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(type(e.slug()));
        if (e instanceof DomainException.Invalid invalid && invalid.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", invalid.field(), "message", e.getMessage())));
        }
        if (e.status() != HttpStatus.BAD_REQUEST) {
            auditRefusal(request, e.status().value(), e.getMessage());
        }
        return ResponseEntity.status(e.status()).body(problem);
    }

    @ExceptionHandler(BodyTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(BodyTooLarge e) {
        return tooLargeResponse(e);
    }

    static ResponseEntity<ProblemDetail> tooLargeResponse(BodyTooLarge e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setType(type("body-too-large"));
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }

    /** Constraint violations raised outside Spring MVC's own parameter validation. */
    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraints(jakarta.validation.ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", lastNode(v.getPropertyPath().toString()), "message", v.getMessage()))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "invalid request parameters");
        problem.setType(type("invalid-request"));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> bug(Exception e) {
        String incident = UUID.randomUUID().toString();
        log.error("internal error, incident {}", incident, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error: this is a bug in Enclave, not a problem with your request. Incident " + incident + ".");
        problem.setType(type("internal-error"));
        problem.setProperty("incident", incident);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "invalid request: " + ex.getBindingResult().getFieldErrors().stream().map(FieldError::getField).sorted().toList());
        problem.setType(type("invalid-request"));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex, HttpHeaders headers,
                                                                            HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> Map.of(
                        "field", String.valueOf(r.getMethodParameter().getParameterName()),
                        "message", String.valueOf(err.getDefaultMessage()))))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "invalid request parameters");
        problem.setType(type("invalid-request"));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLarge tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLargeResponse(tooLarge).getBody());
            }
        }
        // Jackson's message may quote the input; say only where it went wrong.
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "request body is not valid JSON for this endpoint" + location(ex));
        problem.setType(type("invalid-request"));
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        // Spring MVC's own errors (405, 415, 400 for a bad path variable, ...) are problem details already.
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (statusCode.value() == 404 && request instanceof ServletWebRequest web) {
            auditRefusal(web.getRequest(), 404, "no such resource");
        }
        return response;
    }

    private static String location(HttpMessageNotReadableException ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof tools.jackson.databind.DatabindException db && !db.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                db.getPath().forEach(ref -> path.append(ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]"));
                return " (at " + path.substring(path.charAt(0) == '.' ? 1 : 0) + ")";
            }
        }
        return "";
    }

    private void auditRefusal(HttpServletRequest request, int status, String reason) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            refusals.refused(Actor.of(auth), request.getMethod(), request.getRequestURI(), status, reason);
        }
    }
}
