package dev.ibu.adapters.k8s.manifests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for the plain map/list trees that decoded YAML and JSON produce. */
final class Maps {
    private Maps() {
    }

    static Object at(Object root, String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }

    /** The scalar at {@code path} as text (numbers and booleans too: YAML turns {@code 4.16} into a number). */
    static String string(Object root, String... path) {
        Object v = at(root, path);
        return v == null || v instanceof Map || v instanceof List ? null : String.valueOf(v);
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
