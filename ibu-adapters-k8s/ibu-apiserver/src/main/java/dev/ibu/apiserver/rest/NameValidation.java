package dev.ibu.apiserver.rest;

import dev.ibu.apiserver.api.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** apimachinery's ObjectMeta name rules and their messages. */
final class NameValidation {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private NameValidation() {
    }

    enum Rule { LABEL, SUBDOMAIN, PATH_SEGMENT }

    static Rule ruleFor(String group, String resource) {
        if (resource.equals("namespaces")) {
            return Rule.LABEL;
        }
        return group.equals("rbac.authorization.k8s.io") ? Rule.PATH_SEGMENT : Rule.SUBDOMAIN;
    }

    static List<FieldError> validate(String name, Rule rule) {
        List<FieldError> errors = new ArrayList<>();
        String field = "metadata.name";
        switch (rule) {
            case LABEL -> {
                if (name.length() > 63) {
                    errors.add(FieldError.invalid(field, name, "must be no more than 63 characters"));
                }
                if (!LABEL.matcher(name).matches()) {
                    errors.add(FieldError.invalid(field, name, "a lowercase RFC 1123 label must consist of lower case alphanumeric "
                            + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
                            + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
                }
            }
            case SUBDOMAIN -> {
                if (name.length() > 253) {
                    errors.add(FieldError.invalid(field, name, "must be no more than 253 characters"));
                }
                if (!SUBDOMAIN.matcher(name).matches()) {
                    errors.add(FieldError.invalid(field, name, "a lowercase RFC 1123 subdomain must consist of lower case "
                            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
                            + "(e.g. 'example.com', regex used for validation is "
                            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
                }
            }
            case PATH_SEGMENT -> {
                if (name.equals(".") || name.equals("..")) {
                    errors.add(FieldError.invalid(field, name, "may not be '" + name + "'"));
                } else if (name.contains("/") || name.contains("%")) {
                    errors.add(FieldError.invalid(field, name, "may not contain '" + (name.contains("/") ? "/" : "%") + "'"));
                }
            }
        }
        return errors;
    }
}
