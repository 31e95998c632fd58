package dev.ibu.adapters.oadp.local;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Object maps to and from YAML/JSON bytes and fabric8 resources; the one place the local backup serializes. */
final class Documents {
    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final KubernetesSerialization K8S = new KubernetesSerialization();

    private Documents() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(GenericKubernetesResource r) {
        return K8S.convertValue(r, LinkedHashMap.class);
    }

    static GenericKubernetesResource toResource(Map<String, Object> map) {
        return K8S.convertValue(map, GenericKubernetesResource.class);
    }

    static byte[] yaml(Object value) {
        return YAML.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] json(Object value) {
        return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readYaml(byte[] bytes) {
        Object o = YAML.readValue(bytes, Object.class);
        if (!(o instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a YAML object");
        }
        return (Map<String, Object>) o;
    }

    static <T> T readJson(byte[] bytes, Class<T> type) {
        return JSON.readValue(bytes, type);
    }

    static String jsonString(Object value) {
        return JSON.writeValueAsString(value);
    }

    static <T> T fromJson(String text, Class<T> type) {
        return JSON.readValue(text, type);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static Map<String, String> strings(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        map(o).forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
        return out;
    }
}
