package dev.ibu.apiserver.admission;

import tools.jackson.databind.JsonNode;

/** Reading a structural schema node (OpenAPI v3 as CRDs use it). */
final class Schemas {
    private Schemas() {
    }

    static JsonNode property(JsonNode schema, String name) {
        JsonNode props = schema == null ? null : schema.get("properties");
        return props == null ? null : props.get(name);
    }

    static boolean hasProperties(JsonNode schema) {
        return schema != null && schema.has("properties");
    }

    /** additionalProperties as a schema, or null when absent or boolean. */
    static JsonNode additional(JsonNode schema) {
        JsonNode a = schema == null ? null : schema.get("additionalProperties");
        return a != null && a.isObject() ? a : null;
    }

    static JsonNode items(JsonNode schema) {
        JsonNode i = schema == null ? null : schema.get("items");
        return i != null && i.isObject() ? i : null;
    }

    static boolean preservesUnknown(JsonNode schema) {
        return schema != null && schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    }

    static boolean embedded(JsonNode schema) {
        return schema != null && schema.path("x-kubernetes-embedded-resource").asBoolean(false);
    }

    static boolean nullable(JsonNode schema) {
        return schema != null && schema.path("nullable").asBoolean(false);
    }

    static String type(JsonNode schema) {
        return schema == null ? "" : schema.path("type").asString("");
    }

    static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }
}
