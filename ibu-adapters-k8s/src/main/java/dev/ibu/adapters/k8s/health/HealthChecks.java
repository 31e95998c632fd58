package dev.ibu.adapters.k8s.health;

import dev.ibu.adapters.k8s.Json;
import dev.ibu.adapters.k8s.Kinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.collection.List;
import java.util.Objects;

/** One method per check; each returns its failure lines (empty when ready), with upstream's exact texts. */
final class HealthChecks {
    static final List<String> NODE_ROLE_LABELS = List.of("node-role.kubernetes.io/control-plane",
            "node-role.kubernetes.io/master", "node-role.kubernetes.io/worker");

    private final KubernetesClient client;

    HealthChecks(KubernetesClient client) {
        this.client = client;
    }

    List<String> clusterOperators() {
        List<String> notReady = names(list(Kinds.CLUSTER_OPERATOR).filter(co ->
                !"True".equals(Json.conditionStatus(co, "Available"))
                        || "True".equals(Json.conditionStatus(co, "Progressing"))
                        || "True".equals(Json.conditionStatus(co, "Degraded"))));
        return notYetReady("ClusterOperators", notReady);
    }

    List<String> machineConfigPools() {
        List<String> notReady = names(list(Kinds.MACHINE_CONFIG_POOL).filter(mcp ->
                !Objects.equals(number(Json.at(mcp, "status", "machineCount")),
                        number(Json.at(mcp, "status", "readyMachineCount")))));
        return notYetReady("MachineConfigPools", notReady);
    }

    List<String> sriov() {
        if (!crdExists(Kinds.SRIOV_NODE_STATE_CRD)) {
            return List.empty();
        }
        List<GenericKubernetesResource> states = List.ofAll(client.genericKubernetesResources(Kinds.SRIOV_NODE_STATE)
                .inAnyNamespace().list().getItems());
        if (states.isEmpty()) {
            return List.of("no SriovNetworkNodeStates present");
        }
        return states.exists(s -> !"Succeeded".equals(Json.string(s, "status", "syncStatus")))
                ? List.of("sriovNetworkNodeState not ready") : List.empty();
    }

    List<String> oadp() {
        if (!crdExists(Kinds.DPA_CRD)) {
            return List.empty();
        }
        List<GenericKubernetesResource> dpas = List.ofAll(client.genericKubernetesResources(Kinds.DPA)
                .inNamespace(Kinds.OADP_NAMESPACE).list().getItems());
        if (dpas.isEmpty()) {
            return List.empty();
        }
        if (!dpas.exists(d -> "True".equals(Json.conditionStatus(d, "Reconciled")))) {
            return List.of("dataProtectionApplication not reconciled");
        }
        List<GenericKubernetesResource> bsls = List.ofAll(client.genericKubernetesResources(Kinds.BSL)
                .inNamespace(Kinds.OADP_NAMESPACE).list().getItems());
        if (bsls.isEmpty()) {
            return List.of("backupsStorageLocations not yet created");
        }
        return bsls.filter(b -> !"Available".equals(Json.string(b, "status", "phase")))
                .map(b -> "backupStorageLocation " + b.getMetadata().getName() + " not available")
                .sorted();
    }

    /** Only on single-node clusters; reports the first node that is not ready, as upstream does. */
    List<String> node() {
        GenericKubernetesResource infra = client.genericKubernetesResources(Kinds.INFRASTRUCTURE)
                .withName("cluster").get();
        if (infra == null || !"SingleReplica".equals(Json.string(infra, "status", "infrastructureTopology"))) {
            return List.empty();
        }
        for (Node node : List.ofAll(client.nodes().list().getItems())
                .sortBy(n -> n.getMetadata().getName())) {
            String name = node.getMetadata().getName();
            if (!"True".equals(nodeCondition(node, "Ready"))) {
                return List.of("node is not yet ready: " + name);
            }
            if ("True".equals(nodeCondition(node, "NetworkUnavailable"))) {
                return List.of("node network unavailable: " + name);
            }
            java.util.Map<String, String> labels = node.getMetadata().getLabels();
            for (String label : NODE_ROLE_LABELS) {
                if (labels == null || !labels.containsKey(label)) {
                    return List.of("node missing " + label + " label: " + name);
                }
            }
        }
        return List.empty();
    }

    List<String> clusterServiceVersions() {
        List<String> notReady = names(list(Kinds.CSV).filter(csv ->
                !csv.getMetadata().getName().contains("lifecycle-agent")
                        && !"Succeeded".equals(Json.string(csv, "status", "phase"))));
        return notYetReady("ClusterServiceVersions", notReady);
    }

    List<String> certificateSigningRequests() {
        return List.ofAll(client.certificates().v1().certificateSigningRequests().list().getItems())
                .filter(csr -> !approved(csr))
                .map(csr -> "certificateSigningRequest (csr) " + csr.getMetadata().getName() + " not yet approved")
                .sorted();
    }

    private static boolean approved(CertificateSigningRequest csr) {
        return csr.getStatus() != null && csr.getStatus().getConditions() != null
                && csr.getStatus().getConditions().stream()
                        .anyMatch(c -> "Approved".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String nodeCondition(Node node, String type) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return null;
        }
        return node.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()))
                .map(NodeCondition::getStatus).findFirst().orElse(null);
    }

    private List<GenericKubernetesResource> list(ResourceDefinitionContext kind) {
        var op = client.genericKubernetesResources(kind);
        return List.ofAll((kind.isNamespaceScoped() ? op.inAnyNamespace().list() : op.list()).getItems());
    }

    private boolean crdExists(String name) {
        return client.apiextensions().v1().customResourceDefinitions().withName(name).get() != null;
    }

    /** Sorted, de-duplicated names (OLM copies a CSV into every namespace it watches). */
    private static List<String> names(List<GenericKubernetesResource> resources) {
        return resources.map(r -> r.getMetadata().getName()).distinct().sorted();
    }

    private static List<String> notYetReady(String kind, List<String> names) {
        return names.isEmpty() ? List.empty()
                : List.of("one or more " + kind + " not yet ready: " + names.mkString(", "));
    }

    /** Counts may arrive as Integer or Long; compare them as longs, absent as 0. */
    private static long number(Object value) {
        return value instanceof Number ? ((Number) value).longValue() : 0L;
    }
}
