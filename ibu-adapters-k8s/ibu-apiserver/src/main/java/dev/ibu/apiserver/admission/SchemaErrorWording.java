package dev.ibu.apiserver.admission;

import com.networknt.schema.Error;
import dev.ibu.apiserver.api.ErrorType;
import dev.ibu.apiserver.api.FieldError;
import dev.ibu.apiserver.api.GoFormat;
import dev.ibu.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One JSON-schema error in the words of kube-openapi's validator as apiextensions-apiserver converts them
 * (ConvertToFieldErrors): enum is NotSupported, type is TypeInvalid with the actual type, required is Required,
 * maxLength is TooLong, maxItems is TooMany, everything else Invalid with "{path} in body should ...".
 */
final class SchemaErrorWording {
    private SchemaErrorWording() {
    }

    static FieldError toFieldError(Error e, List<Object> path, JsonNode schema) {
        String field = field(path);
        JsonNode instance = e.getInstanceNode();
        Object value = GoValues.of(instance);
        String in = field + " in body";
        switch (e.getKeyword()) {
            case "type":
                String actual = Json.typeName(instance);
                return new FieldError(ErrorType.TYPE_INVALID, field, actual,
                        in + " must be of type " + Schemas.type(schema) + ": " + GoFormat.quote(actual));
            case "enum":
                List<String> values = new ArrayList<>();
                schema.path("enum").forEach(v -> values.add(v.isString() ? v.stringValue() : Json.string(v)));
                return FieldError.notSupported(field, value, values);
            case "required":
                return FieldError.required(field.isEmpty() ? e.getProperty() : field + "." + e.getProperty(), "");
            case "minimum":
                return FieldError.invalid(field, value, in + (schema.path("exclusiveMinimum").asBoolean(false)
                        ? " should be greater than " : " should be greater than or equal to ") + bound(schema, "minimum"));
            case "maximum":
                return FieldError.invalid(field, value, in + (schema.path("exclusiveMaximum").asBoolean(false)
                        ? " should be less than " : " should be less than or equal to ") + bound(schema, "maximum"));
            case "minLength":
                return FieldError.invalid(field, value, in + " should be at least " + schema.path("minLength").asLong() + " chars long");
            case "maxLength":
                long max = schema.path("maxLength").asLong();
                return new FieldError(ErrorType.TOO_LONG, field, value, "may not be more than " + max + (max == 1 ? " byte" : " bytes"));
            case "maxItems":
                return new FieldError(ErrorType.TOO_MANY, field, (long) instance.size(),
                        "must have at most " + schema.path("maxItems").asLong() + " items");
            case "minItems":
                return FieldError.invalid(field, (long) instance.size(), in + " should have at least " + schema.path("minItems").asLong() + " items");
            case "maxProperties":
                return new FieldError(ErrorType.TOO_MANY, field, (long) instance.size(),
                        "must have at most " + schema.path("maxProperties").asLong() + " items");
            case "minProperties":
                return FieldError.invalid(field, (long) instance.size(), in + " should have at least " + schema.path("minProperties").asLong() + " properties");
            case "pattern":
                return FieldError.invalid(field, value, in + " should match '" + schema.path("pattern").asString() + "'");
            case "format":
                return FieldError.invalid(field, value, in + " must be of type " + schema.path("format").asString() + ": "
                        + GoFormat.quote(instance.asString()));
            case "uniqueItems":
                return FieldError.invalid(field, value, in + " shouldn't contain duplicates");
            case "multipleOf":
                return FieldError.invalid(field, value, in + " should be a multiple of " + bound(schema, "multipleOf"));
            default:
                return FieldError.invalid(field, value, e.getMessage());
        }
    }

    private static String bound(JsonNode schema, String keyword) {
        JsonNode b = schema.path(keyword);
        return b.isIntegralNumber() ? String.valueOf(b.longValue()) : GoFormat.number(b.doubleValue());
    }

    static String field(List<Object> path) {
        StringBuilder b = new StringBuilder();
        for (Object p : path) {
            if (p instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(p);
            }
        }
        return b.toString();
    }
}
