package dev.ibu.adapters.k8s.manifests;

import dev.ibu.adapters.k8s.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for the plain map/list trees that decoded YAML and JSON produce (navigation lives in {@link Json}). */
final class Maps {
    private Maps() {
    }

    static Object at(Object root, String... path) {
        return Json.at(root, path);
    }

    static String string(Object root, String... path) {
        return Json.string(root, path);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> map) {
        return (Map<String, Object>) copy(map);
    }

    private static Object copy(Object node) {
        if (node instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) node).forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (node instanceof List) {
            List<Object> out = new ArrayList<>();
            ((List<?>) node).forEach(v -> out.add(copy(v)));
            return out;
        }
        return node;
    }
}
