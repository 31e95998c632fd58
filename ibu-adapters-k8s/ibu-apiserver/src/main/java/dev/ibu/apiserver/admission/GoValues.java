package dev.ibu.apiserver.admission;

import dev.ibu.apiserver.api.FieldError;
import dev.ibu.apiserver.api.GoFormat;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/** A JSON value as apimachinery prints a decoded bad value: scalars as themselves, containers with Go's %#v. */
final class GoValues {
    private GoValues() {
    }

    /** A scalar as FieldError holds it, or the Go %#v text of a list or map wrapped as a verbatim value. */
    static Object of(JsonNode node) {
        if (node != null && node.isContainer()) {
            return new dev.ibu.apiserver.api.GoSyntax(goSyntax(node));
        }
        return FieldError.valueOf(node);
    }

    static String goSyntax(JsonNode node) {
        if (node == null || node.isNull()) {
            return "interface {}(nil)";
        }
        if (node.isArray()) {
            StringJoiner j = new StringJoiner(", ", "[]interface {}{", "}");
            node.forEach(n -> j.add(goSyntax(n)));
            return j.toString();
        }
        if (node.isObject()) {
            StringJoiner j = new StringJoiner(", ", "map[string]interface {}{", "}");
            node.properties().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> j.add(GoFormat.quote(e.getKey()) + ":" + goSyntax(e.getValue())));
            return j.toString();
        }
        if (node.isString()) {
            return GoFormat.quote(node.stringValue());
        }
        if (node.isIntegralNumber()) {
            return "int64(" + node.longValue() + ")";
        }
        return String.valueOf(FieldError.valueOf(node));
    }
}
