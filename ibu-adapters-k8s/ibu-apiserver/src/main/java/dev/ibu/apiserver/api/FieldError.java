package dev.ibu.apiserver.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * One field error, printed exactly as apimachinery's {@code field.Error}: {@code <field>: <body>} where the body is
 * {@code <type words>[: <value>][: <detail>]}. The field of an error on the whole object is {@code <nil>}.
 *
 * @param badValue a String, Long, Double, Boolean, {@link #NULL} or {@link #OMIT}
 */
public record FieldError(ErrorType type, String field, Object badValue, String detail) {
    /** A value printed as {@code "null"} (Go prints a nil interface that way). */
    public static final Object NULL = new Object();
    /** No value printed at all (apimachinery's omitValue). */
    public static final Object OMIT = new Object();
    public static final String ROOT = "<nil>";

    public FieldError {
        Objects.requireNonNull(type);
        field = field == null || field.isEmpty() ? ROOT : field;
        detail = detail == null ? "" : detail;
    }

    public static FieldError required(String field, String detail) {
        return new FieldError(ErrorType.REQUIRED, field, OMIT, detail);
    }

    public static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(ErrorType.INVALID, field, value, detail);
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(ErrorType.FORBIDDEN, field, OMIT, detail);
    }

    public static FieldError notSupported(String field, Object value, List<String> supported) {
        String values = supported.stream().map(GoFormat::quote).collect(Collectors.joining(", "));
        return new FieldError(ErrorType.NOT_SUPPORTED, field, value,
                supported.isEmpty() ? "" : "supported values: " + values);
    }

    /** The Java value of a JSON scalar, as Go would hold it after decoding (int64, float64, string, bool, nil). */
    public static Object valueOf(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NULL;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node;
    }

    /** What follows the field name: {@code Unsupported value: "Foo": supported values: ...}. */
    public String body() {
        String s;
        if (type.hidesValue() || badValue == OMIT) {
            s = type.words();
        } else {
            s = type.words() + ": " + GoFormat.value(badValue);
        }
        return detail.isEmpty() ? s : s + ": " + detail;
    }

    @Override
    public String toString() {
        return field + ": " + body();
    }
}
