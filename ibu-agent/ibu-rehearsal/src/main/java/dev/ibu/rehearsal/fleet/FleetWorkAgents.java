package dev.ibu.rehearsal.fleet;

import dev.ibu.domain.Condition;
import dev.ibu.domain.fleet.Action;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ACM's work agents, one per simulated spoke, as the hub sees them through the API server: each reads its spoke's
 * ManifestWork, applies the IBU it carries to the spoke (the IBU's stage; Idle means abort after Prep and finalize
 * after Upgrade or Rollback, as LCA reads it), and writes the work's status: the Applied condition at the generation
 * it applied and the status feedback values of the IBU's conditions, one tick late (as a real agent's first report
 * follows the apply, before the spoke's node agent reacted).
 */
final class FleetWorkAgents {
    static final ResourceDefinitionContext WORKS = new ResourceDefinitionContext.Builder()
            .withGroup("work.open-cluster-management.io").withVersion("v1").withKind("ManifestWork")
            .withPlural("manifestworks").withNamespaced(true).build();
    private static final String[] FIELDS = {"status", "reason", "message"};

    private final KubernetesClient client;
    private final Map<String, FleetSpoke> spokes;
    private final Map<String, Long> applied = new HashMap<>();
    private final Map<String, String> lastReport = new HashMap<>();

    FleetWorkAgents(KubernetesClient client, Map<String, FleetSpoke> spokes) {
        this.client = client;
        this.spokes = spokes;
    }

    /** One round: every work agent reports, applies what is new, then every spoke's node agent takes a pass. */
    void tick(Instant now) {
        for (GenericKubernetesResource w : client.genericKubernetesResources(WORKS).inAnyNamespace()
                .withLabel("ibu.dev/ibgu-name").list().getItems()) {
            String cluster = w.getMetadata().getNamespace();
            FleetSpoke spoke = spokes.get(cluster);
            if (spoke == null) {
                continue;
            }
            long generation = w.getMetadata().getGeneration();
            String key = cluster + "/" + w.getMetadata().getName();
            if (applied.getOrDefault(key, 0L) < generation) {
                applied.put(key, generation);
                report(w, generation, spoke);
                spoke.request(action(stage(w), spoke), now);
            } else {
                report(w, generation, spoke);
            }
        }
        spokes.values().forEach(s -> s.advance(now));
    }

    private void report(GenericKubernetesResource w, long generation, FleetSpoke spoke) {
        List<Object> values = new ArrayList<>();
        for (Condition c : spoke.conditions().items()) {
            String[] v = {c.status().wireName(), c.reason(), c.message()};
            for (int i = 0; i < 3; i++) {
                values.add(Map.of("name", c.type() + "-" + FIELDS[i], "fieldValue",
                        Map.of("type", "String", "string", v[i])));
            }
        }
        String key = w.getMetadata().getNamespace() + "/" + w.getMetadata().getName();
        String fingerprint = generation + " " + values;
        if (fingerprint.equals(lastReport.get(key))) {
            return;  // a real agent writes status only when it changes
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", List.of(Map.of("type", "Applied", "status", "True",
                "reason", "AppliedManifestWorkComplete", "message", "Apply manifest work complete",
                "observedGeneration", generation, "lastTransitionTime", "2026-01-01T00:00:00Z")));
        status.put("resourceStatus", Map.of("manifests", List.of(Map.of(
                "resourceMeta", Map.of("ordinal", 0, "group", "lca.openshift.io", "version", "v1",
                        "kind", "ImageBasedUpgrade", "resource", "imagebasedupgrades", "name", "upgrade"),
                "statusFeedback", Map.of("values", values)))));
        w.setAdditionalProperty("status", status);
        try {
            client.genericKubernetesResources(WORKS).inNamespace(w.getMetadata().getNamespace()).resource(w)
                    .updateStatus();
            lastReport.put(key, fingerprint);
        } catch (KubernetesClientException e) {
            // a 409 means the hub updated the work meanwhile: the next tick reports on the new generation
        }
    }

    @SuppressWarnings("unchecked")
    private static String stage(GenericKubernetesResource w) {
        Object spec = w.getAdditionalProperties().get("spec");
        Object workload = spec instanceof Map ? ((Map<String, Object>) spec).get("workload") : null;
        Object manifests = workload instanceof Map ? ((Map<String, Object>) workload).get("manifests") : null;
        for (Object m : manifests instanceof List ? (List<Object>) manifests : List.of()) {
            Map<String, Object> o = (Map<String, Object>) m;
            if ("ImageBasedUpgrade".equals(o.get("kind")) && o.get("spec") instanceof Map) {
                return String.valueOf(((Map<String, Object>) o.get("spec")).get("stage"));
            }
        }
        return "Idle";
    }

    /** What the spoke's LCA makes of the stage: Idle after Prep aborts, after Upgrade or Rollback finalizes. */
    static Action action(String stage, FleetSpoke spoke) {
        switch (stage) {
            case "Prep":
                return Action.PREP;
            case "Upgrade":
                return Action.UPGRADE;
            case "Rollback":
                return Action.ROLLBACK;
            default:
                Action before = spoke.action().getOrElse(Action.PREP);
                if (before == Action.UPGRADE) {
                    return Action.FINALIZE_UPGRADE;
                }
                return before == Action.ROLLBACK ? Action.FINALIZE_ROLLBACK : before.aborts() ? before : Action.ABORT;
        }
    }
}
