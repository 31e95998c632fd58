package dev.ibu.adapters.k8s.clusterconfig;

import dev.ibu.adapters.k8s.Json;
import dev.ibu.adapters.k8s.Kinds;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/**
 * The manifests re-created after the pivot (oadp-and-manifests.md §4): the IDMS and ICSP lists (name, namespace,
 * labels, annotations and spec only), each LocalVolume and the StorageClasses it names (when the LSO CRD exists),
 * and, when cert-manager's CRD exists, the namespaces and TLS Secrets its Certificates name (in
 * {@link CertManagerExport}). File name to JSON text.
 */
final class CarriedManifests {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final ResourceDefinitionContext IDMS = Kinds.cluster("config.openshift.io", "v1", "ImageDigestMirrorSet",
            "imagedigestmirrorsets");
    static final ResourceDefinitionContext ICSP = Kinds.cluster("operator.openshift.io", "v1alpha1",
            "ImageContentSourcePolicy", "imagecontentsourcepolicies");
    static final ResourceDefinitionContext LOCAL_VOLUME = Kinds.namespaced("local.storage.openshift.io", "v1",
            "LocalVolume", "localvolumes");
    static final String LOCAL_VOLUME_CRD = "localvolumes.local.storage.openshift.io";
    static final String IDMS_FILE = "image-digest-mirror-set.json";
    static final String ICSP_FILE = "image-content-source-policy-list.json";

    private final ClusterReader r;

    CarriedManifests(ClusterReader r) {
        this.r = r;
    }

    LinkedHashMap<String, String> mirrorLists() {
        LinkedHashMap<String, String> files = LinkedHashMap.empty();
        for (var kind : List.of(IDMS, ICSP)) {
            List<GenericKubernetesResource> items = r.list(kind);
            if (!items.isEmpty()) {
                files = files.put(kind == IDMS ? IDMS_FILE : ICSP_FILE, json(listOf(kind, items.map(
                        CarriedManifests::specOnly))));
            }
        }
        return files;
    }

    LinkedHashMap<String, String> localVolumes() {
        LinkedHashMap<String, String> files = LinkedHashMap.empty();
        if (!r.crdExists(LOCAL_VOLUME_CRD)) {
            return files;
        }
        TreeSet<String> storageClasses = TreeSet.empty();
        for (GenericKubernetesResource lv : r.list(LOCAL_VOLUME)) {
            Map<String, Object> clean = cleaned(lv, LOCAL_VOLUME);
            files = files.put("LocalVolume_" + lv.getMetadata().getName() + "_" + lv.getMetadata().getNamespace()
                    + ".json", json(clean));
            for (Object device : Json.list(lv, "spec", "storageClassDevices")) {
                String sc = Json.string(device, "storageClassName");
                if (sc != null && !sc.isEmpty()) {
                    storageClasses = storageClasses.add(sc);
                }
            }
        }
        for (String sc : storageClasses) {
            GenericKubernetesResource storageClass = r.find(ClusterReader.STORAGE_CLASS, null, sc).getOrElseThrow(() ->
                    new SourceFailure(PortFailure.notFound("failed to get storageclass " + sc + ": StorageClass " + sc
                            + " not found, but a LocalVolume names it in spec.storageClassDevices; re-create it or fix "
                            + "the LocalVolume")));
            files = files.put("StorageClass_" + sc + "_.json", json(cleaned(storageClass, ClusterReader.STORAGE_CLASS)));
        }
        return files;
    }

    /** IDMS/ICSP as upstream rebuilds them: name, namespace, labels, annotations, spec. */
    private static Map<String, Object> specOnly(GenericKubernetesResource o) {
        Map<String, Object> meta = new java.util.LinkedHashMap<>();
        meta.put("name", o.getMetadata().getName());
        if (o.getMetadata().getNamespace() != null) {
            meta.put("namespace", o.getMetadata().getNamespace());
        }
        if (o.getMetadata().getLabels() != null && !o.getMetadata().getLabels().isEmpty()) {
            meta.put("labels", o.getMetadata().getLabels());
        }
        if (o.getMetadata().getAnnotations() != null && !o.getMetadata().getAnnotations().isEmpty()) {
            meta.put("annotations", o.getMetadata().getAnnotations());
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("apiVersion", o.getApiVersion());
        out.put("kind", o.getKind());
        out.put("metadata", meta);
        out.put("spec", o.getAdditionalProperties().get("spec"));
        return out;
    }

    private static Map<String, Object> listOf(ResourceDefinitionContext kind, List<Map<String, Object>> items) {
        Map<String, Object> list = new java.util.LinkedHashMap<>();
        list.put("apiVersion", kind.getGroup() + "/" + kind.getVersion());
        list.put("kind", kind.getKind() + "List");
        list.put("metadata", Map.of());
        list.put("items", items.asJava());
        return list;
    }

    /**
     * Upstream's {@code CleanResource}: no uid, resourceVersion, managedFields, generation, ownerReferences, status or
     * creationTimestamp; apiVersion and kind set from {@code kind} so that the file is never kind-less.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> cleaned(GenericKubernetesResource o, ResourceDefinitionContext kind) {
        Map<String, Object> m = JSON.convertValue(o, Map.class);
        m.put("apiVersion", kind.getGroup().isEmpty() ? kind.getVersion() : kind.getGroup() + "/" + kind.getVersion());
        m.put("kind", kind.getKind());
        m.remove("status");
        Object meta = m.get("metadata");
        if (meta instanceof Map) {
            for (String k : new String[] {"uid", "resourceVersion", "managedFields", "generation", "ownerReferences",
                "creationTimestamp"}) {
                ((Map<String, Object>) meta).remove(k);
            }
        }
        return m;
    }

    static String json(Object o) {
        return JSON.writeValueAsString(o);
    }
}
