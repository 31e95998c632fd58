package dev.ibu.adapters.k8s.fleet;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What ACM's work agent writes back: the Applied condition at a generation and the IBU's feedback values. */
final class WorkAgentSim {
    private WorkAgentSim() {
    }

    /** {@code conditions}: type -> {status, reason, message}. */
    static void report(KubernetesClient admin, String cluster, String work, long observedGeneration,
                       Map<String, String[]> conditions) {
        var works = admin.genericKubernetesResources(HubKinds.MANIFEST_WORK).inNamespace(cluster);
        GenericKubernetesResource w = works.withName(work).get();
        List<Object> values = new ArrayList<>();
        conditions.forEach((type, c) -> {
            String[] fields = {"status", "reason", "message"};
            for (int i = 0; i < 3; i++) {
                values.add(Map.of("name", type + "-" + fields[i], "fieldValue", Map.of("type", "String", "string", c[i])));
            }
        });
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", List.of(Map.of("type", "Applied", "status", "True", "reason", "AppliedManifestWorkComplete",
                "message", "Apply manifest work complete", "observedGeneration", observedGeneration,
                "lastTransitionTime", "2026-03-01T10:00:00Z")));
        status.put("resourceStatus", Map.of("manifests", List.of(Map.of(
                "resourceMeta", Map.of("ordinal", 0, "group", "lca.openshift.io", "version", "v1",
                        "kind", "ImageBasedUpgrade", "resource", "imagebasedupgrades", "name", "upgrade"),
                "statusFeedback", Map.of("values", values)))));
        w.setAdditionalProperty("status", status);
        works.resource(w).updateStatus();
    }
}
