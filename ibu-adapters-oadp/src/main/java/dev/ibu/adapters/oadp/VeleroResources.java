package dev.ibu.adapters.oadp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between user documents and fabric8 generic resources. */
final class VeleroResources {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private VeleroResources() {
    }

    /** A deep, mutable copy of the user's document as a fabric8 resource. */
    static GenericKubernetesResource toResource(VeleroCr cr) {
        return SERIALIZATION.convertValue(cr.document(), GenericKubernetesResource.class);
    }

    static GenericKubernetesResource fromYaml(String yaml) {
        return SERIALIZATION.convertValue(Json.readYamlMap(yaml), GenericKubernetesResource.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(GenericKubernetesResource r) {
        return SERIALIZATION.convertValue(r, LinkedHashMap.class);
    }

    /** Removes what the API server owns so that the object can be created on another cluster. */
    static Map<String, Object> portable(GenericKubernetesResource r, boolean keepStatus) {
        Map<String, Object> map = toMap(r);
        Map<String, Object> meta = new LinkedHashMap<>(VeleroCr.map(map.get("metadata")));
        for (String serverField : List.of("uid", "resourceVersion", "managedFields", "creationTimestamp",
                "generation", "selfLink")) {
            meta.remove(serverField);
        }
        map.put("metadata", meta);
        if (!keepStatus) {
            map.remove("status");
        }
        return map;
    }

    static String label(GenericKubernetesResource r, String key) {
        Map<String, String> labels = r.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }

    /** {@code status.phase}, empty when the object has no status yet. */
    static String phase(GenericKubernetesResource r) {
        Object p = status(r).get("phase");
        return p == null ? "" : p.toString();
    }

    static Map<String, Object> status(GenericKubernetesResource r) {
        return VeleroCr.map(r.getAdditionalProperties().get("status"));
    }
}
