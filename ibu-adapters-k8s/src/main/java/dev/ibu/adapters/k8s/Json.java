package dev.ibu.adapters.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Null-safe navigation in the maps of a generic resource. */
public final class Json {
    private Json() {
    }

    /** The value at {@code path} under the resource's top-level fields (e.g. "status", "phase"), or null. */
    public static Object at(GenericKubernetesResource r, String... path) {
        return at((Object) r.getAdditionalProperties(), path);
    }

    /** The value at {@code path} in a tree of maps and lists (decoded YAML or JSON), or null. */
    public static Object at(Object root, String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }

    public static String string(GenericKubernetesResource r, String... path) {
        return string((Object) r.getAdditionalProperties(), path);
    }

    /** The scalar at {@code path} as text (numbers and booleans too: YAML turns {@code 4.16} into a number). */
    public static String string(Object root, String... path) {
        Object v = at(root, path);
        return v == null || v instanceof Map || v instanceof List ? null : String.valueOf(v);
    }

    public static List<?> list(GenericKubernetesResource r, String... path) {
        Object v = at(r, path);
        return v instanceof List ? (List<?>) v : List.of();
    }

    /** Status of the condition of {@code type} in {@code status.conditions}, or null when absent. */
    public static String conditionStatus(GenericKubernetesResource r, String type) {
        for (Object c : list(r, "status", "conditions")) {
            if (c instanceof Map && Objects.equals(((Map<?, ?>) c).get("type"), type)) {
                Object s = ((Map<?, ?>) c).get("status");
                return s == null ? null : String.valueOf(s);
            }
        }
        return null;
    }
}
