package dev.ibu.apiserver.admission;

import dev.ibu.apiserver.api.ErrorType;
import dev.ibu.apiserver.api.FieldError;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Every {@code x-kubernetes-validations} rule of a schema, evaluated where the object has a value for its node.
 * Transition rules (those using {@code oldSelf}) run only on update and only where the old object had the value,
 * as Kubernetes does. A false rule is {@code <path>: Invalid value: "<type>": <message>} ({@code <nil>} at the root).
 */
final class CelValidation {
    private final JsonNode schema;
    private final Map<JsonNode, List<CelRule>> rules = new IdentityHashMap<>();

    CelValidation(JsonNode schema) {
        this.schema = schema;
        collect(schema, "openAPIV3Schema");
    }

    boolean hasRules() {
        return !rules.isEmpty();
    }

    private void collect(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            return;
        }
        JsonNode list = node.get("x-kubernetes-validations");
        if (list != null && list.isArray()) {
            List<CelRule> compiled = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                try {
                    compiled.add(CelRule.compile(list.get(i)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ".x-kubernetes-validations[" + i + "].rule: " + e.getMessage(), e);
                }
            }
            rules.put(node, compiled);
        }
        JsonNode props = node.get("properties");
        if (props != null) {
            props.properties().forEach(e -> collect(e.getValue(), where + ".properties[" + e.getKey() + "]"));
        }
        collect(Schemas.items(node), where + ".items");
        collect(Schemas.additional(node), where + ".additionalProperties");
    }

    List<FieldError> validate(JsonNode object, JsonNode old) {
        List<FieldError> errors = new ArrayList<>();
        walk(object, old, schema, "", true, errors);
        return errors;
    }

    private void walk(JsonNode value, JsonNode old, JsonNode node, String path, boolean root, List<FieldError> errors) {
        if (value == null || value.isNull() || node == null) {
            return;
        }
        for (CelRule rule : rules.getOrDefault(node, List.of())) {
            boolean hasOld = old != null && !old.isNull();
            if (rule.isTransition() && !hasOld) {
                continue;
            }
            Object self = root ? CelValues.root(value) : CelValues.of(value);
            Object oldSelf = hasOld ? (root ? CelValues.root(old) : CelValues.of(old)) : null;
            CelRule.Outcome outcome = rule.evaluate(self, oldSelf);
            if (!outcome.passed()) {
                errors.add(error(rule, outcome, at(path, rule.fieldPath()), Schemas.type(node)));
            }
        }
        if (value.isObject()) {
            JsonNode additional = Schemas.additional(node);
            for (var e : value.properties()) {
                JsonNode child = Schemas.property(node, e.getKey());
                JsonNode oldChild = old == null ? null : old.get(e.getKey());
                walk(e.getValue(), oldChild, child != null ? child : additional, Schemas.child(path, e.getKey()), false, errors);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                walk(value.get(i), null, Schemas.items(node), Schemas.index(path, i), false, errors);
            }
        }
    }

    private static String at(String path, String fieldPath) {
        if (fieldPath.isEmpty()) {
            return path;
        }
        String rel = fieldPath.startsWith(".") ? fieldPath.substring(1) : fieldPath;
        return path.isEmpty() ? rel : path + "." + rel;
    }

    private static FieldError error(CelRule rule, CelRule.Outcome outcome, String field, String type) {
        if (outcome.error() != null) {
            return FieldError.invalid(field, type, outcome.error() + " evaluating rule: " + rule.errorName());
        }
        String message = rule.failureMessage(outcome.vars());
        switch (rule.reason()) {
            case "FieldValueForbidden":
                return FieldError.forbidden(field, message);
            case "FieldValueRequired":
                return FieldError.required(field, message);
            case "FieldValueDuplicate":
                return new FieldError(ErrorType.DUPLICATE, field, type, message);
            default:
                return FieldError.invalid(field, type, message);
        }
    }
}
