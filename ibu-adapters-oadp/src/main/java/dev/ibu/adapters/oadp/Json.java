package dev.ibu.adapters.oadp;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.List;
import java.util.Map;

/** Small JSON/YAML helpers for patches and exported files. */
final class Json {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    private Json() {
    }

    static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    static String yaml(Object value) {
        return YAML.writeValueAsString(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readYamlMap(String text) {
        Object o = YAML.readValue(text, Object.class);
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
    }

    /** {@code {"metadata":{"<field>":{"<key>":value}}}}; a null value removes the key. */
    static String metadataMergePatch(String field, String key, String value) {
        Map<String, Object> inner = new java.util.HashMap<>();
        inner.put(key, value);
        return write(Map.of("metadata", Map.of(field, inner)));
    }

    /** A JSON patch removing one label or annotation ({@code /} in the key escaped as {@code ~1}). */
    static String removeMetadataKey(String field, String key) {
        String path = "/metadata/" + field + "/" + key.replace("~", "~0").replace("/", "~1");
        return write(List.of(Map.of("op", "remove", "path", path)));
    }
}
