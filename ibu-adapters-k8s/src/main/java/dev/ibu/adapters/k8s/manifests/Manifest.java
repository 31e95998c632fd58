package dev.ibu.adapters.k8s.manifests;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One decoded object from an extra-manifest source, with where it came from ({@code origin}, e.g.
 * {@code ConfigMap ns/name key k}), so that every message can name the ConfigMap, key and object.
 * The object map is a private deep copy; {@link #object()} hands out another copy.
 */
public record Manifest(String origin, Map<String, Object> object) {
    public static final String APPLY_WAVE = "lca.openshift.io/apply-wave";
    public static final String APPLY_TYPE = "lca.openshift.io/apply-type";

    public Manifest {
        Objects.requireNonNull(origin);
        object = Maps.deepCopy(object);
    }

    @Override
    public Map<String, Object> object() {
        return Maps.deepCopy(object);
    }

    public String apiVersion() {
        return Maps.string(object, "apiVersion");
    }

    public String kind() {
        return Maps.string(object, "kind");
    }

    public String name() {
        return Maps.string(object, "metadata", "name");
    }

    /** The namespace as written (may be null or empty for cluster-scoped objects or the default namespace). */
    public String namespace() {
        return Maps.string(object, "metadata", "namespace");
    }

    public String annotation(String key) {
        return Maps.string(object, "metadata", "annotations", key);
    }

    /** Upstream's {@code Kind[name]}, used in every message about this object. */
    public String describe() {
        return kind() + "[" + (name() == null ? "" : name()) + "]";
    }

    /** {@code Kind[name] (ConfigMap ns/cm key k)}: the object and where to fix it. */
    public String located() {
        return describe() + " (" + origin + ")";
    }

    /** A copy with the given annotation set (null removes it); creates the annotations map when missing. */
    public Manifest withAnnotation(String key, String value) {
        Map<String, Object> copy = object();
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) copy.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
        @SuppressWarnings("unchecked")
        Map<String, Object> annotations = (Map<String, Object>) meta.computeIfAbsent("annotations",
                k -> new LinkedHashMap<>());
        if (value == null) {
            annotations.remove(key);
            if (annotations.isEmpty()) {
                meta.remove("annotations");
            }
        } else {
            annotations.put(key, value);
        }
        return new Manifest(origin, copy);
    }
}
