package dev.ibu.apiserver.rest;

import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What decoding into the built-in Go types refuses (string maps that hold numbers, Secret data that is not base64),
 * in the API server's words, and the conversions it does (Secret stringData into data, Namespace phase).
 */
final class BuiltinDecoding {
    private BuiltinDecoding() {
    }

    static void check(ResourceType t, ObjectNode obj) {
        stringMap(t, obj.path("metadata").path("labels"), "ObjectMeta.metadata.labels");
        stringMap(t, obj.path("metadata").path("annotations"), "ObjectMeta.metadata.annotations");
        if (t.custom().isPresent()) {
            return;
        }
        switch (t.kind()) {
            case "ConfigMap" -> {
                stringMap(t, obj.path("data"), "ConfigMap.data");
                stringMap(t, obj.path("binaryData"), "ConfigMap.binaryData");
                base64Map(t, obj.path("binaryData"));
            }
            case "Secret" -> {
                stringMap(t, obj.path("data"), "Secret.data");
                stringMap(t, obj.path("stringData"), "Secret.stringData");
                base64Map(t, obj.path("data"));
            }
            default -> {
            }
        }
    }

    /** The defaults and conversions of the built-in kinds, on every write. */
    static void normalize(ResourceType t, ObjectNode obj) {
        if (t.custom().isPresent() || !t.group().isEmpty()) {
            return;
        }
        if (t.kind().equals("Secret")) {
            if (obj.has("stringData")) {
                ObjectNode data = obj.has("data") && obj.get("data").isObject() ? (ObjectNode) obj.get("data") : obj.putObject("data");
                obj.get("stringData").properties().forEach(e -> data.put(e.getKey(),
                        Base64.getEncoder().encodeToString(e.getValue().asString().getBytes(StandardCharsets.UTF_8))));
                obj.remove("stringData");
            }
            if (!obj.has("type")) {
                obj.put("type", "Opaque");
            }
        } else if (t.kind().equals("Namespace")) {
            if (!obj.path("spec").has("finalizers")) {
                ((ObjectNode) dev.ibu.apiserver.json.Json.with(obj, "spec")).putArray("finalizers").add("kubernetes");
            }
            if (!Meta.deleting(obj)) {
                dev.ibu.apiserver.json.Json.with(obj, "status").put("phase", "Active");
            }
        }
    }

    private static void stringMap(ResourceType t, JsonNode map, String goField) {
        if (map.isMissingNode() || map.isNull()) {
            return;
        }
        if (!map.isObject()) {
            throw cannotHandle(t, "json: cannot unmarshal " + goKind(map) + " into Go struct field " + goField + " of type map[string]string");
        }
        for (var e : map.properties()) {
            if (!e.getValue().isString() && !e.getValue().isNull()) {
                throw cannotHandle(t, "json: cannot unmarshal " + goKind(e.getValue()) + " into Go struct field " + goField + " of type string");
            }
        }
    }

    private static void base64Map(ResourceType t, JsonNode map) {
        for (var e : map.properties()) {
            String v = e.getValue().asString("");
            try {
                Base64.getDecoder().decode(v);
            } catch (IllegalArgumentException ex) {
                throw cannotHandle(t, "illegal base64 data at input byte " + firstBad(v));
            }
        }
    }

    private static int firstBad(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=')) {
                return i;
            }
        }
        return Math.max(0, v.length() - 1);
    }

    private static String goKind(JsonNode n) {
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        if (n.isArray()) {
            return "array";
        }
        return n.isObject() ? "object" : "string";
    }

    static StatusError cannotHandle(ResourceType t, String why) {
        return StatusError.badRequest(t.kind() + " in version \"" + t.version() + "\" cannot be handled as a " + t.kind() + ": " + why);
    }
}
