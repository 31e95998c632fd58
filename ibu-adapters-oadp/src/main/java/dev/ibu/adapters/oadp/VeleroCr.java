package dev.ibu.adapters.oadp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Velero Backup or Restore as written by the user in an {@code oadpContent} ConfigMap: the whole decoded
 * document is kept (so it is created exactly as written) plus the fields this adapter reads.
 */
public record VeleroCr(String kind, String name, String namespace, Map<String, Object> document) {
    public static final String BACKUP = "Backup";
    public static final String RESTORE = "Restore";

    public VeleroCr {
        if (!BACKUP.equals(kind) && !RESTORE.equals(kind)) {
            throw new IllegalArgumentException("kind must be Backup or Restore, got " + kind);
        }
        name = Objects.requireNonNullElse(name, "");
        namespace = Objects.requireNonNullElse(namespace, "");
        document = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(document, "document")));
    }

    public boolean isBackup() {
        return BACKUP.equals(kind);
    }

    public Map<String, String> annotations() {
        return stringMap(metadata().get("annotations"));
    }

    public Map<String, String> labels() {
        return stringMap(metadata().get("labels"));
    }

    public Map<String, Object> spec() {
        return map(document.get("spec"));
    }

    /** {@code spec.backupName} of a Restore; empty when absent. */
    public String backupName() {
        Object v = spec().get("backupName");
        return v == null ? "" : v.toString();
    }

    /** A string list in the spec (e.g. {@code includedClusterScopedResources}); empty when absent. */
    public List<String> specStrings(String field) {
        Object v = spec().get(field);
        if (!(v instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }

    /** {@code namespace/name}, the way people name these objects in messages. */
    public String ref() {
        return namespace + "/" + name;
    }

    Map<String, Object> metadata() {
        return map(document.get("metadata"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static Map<String, String> stringMap(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        map(o).forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
        return out;
    }
}
