package org.enclave.api.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.enclave.api.platform.DomainException;

/**
 * Field errors of a portal form, keyed by field name, shown next to each field. The rules are the
 * API's own: the same request records and their constraints, then the services' {@code Invalid}.
 */
final class FormErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();

    static <T> FormErrors validate(Validator validator, T body) {
        FormErrors errors = new FormErrors();
        for (ConstraintViolation<T> v : validator.validate(body)) {
            String path = v.getPropertyPath().toString();
            String field = path.contains("[") ? path.substring(0, path.indexOf('[')) : path;
            errors.byField.putIfAbsent(field, v.getMessage());
        }
        return errors;
    }

    FormErrors add(String field, String message) {
        byField.putIfAbsent(field == null ? "form" : field, message);
        return this;
    }

    FormErrors add(DomainException.Invalid e) {
        String field = e.field() == null ? "form" : e.field().replaceAll("\\[.*$", "").replaceAll("\\..*$", "");
        return add(field, e.getMessage());
    }

    boolean any() {
        return !byField.isEmpty();
    }

    Map<String, String> asMap() {
        return byField;
    }
}
