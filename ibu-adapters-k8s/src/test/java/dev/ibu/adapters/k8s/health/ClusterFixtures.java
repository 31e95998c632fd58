package dev.ibu.adapters.k8s.health;

import dev.ibu.adapters.k8s.Kinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds OpenShift-shaped objects in the mock API server. */
final class ClusterFixtures {
    private final KubernetesClient client;

    ClusterFixtures(KubernetesClient client) {
        this.client = client;
    }

    void clusterOperator(String name, String available, String progressing, String degraded) {
        List<Map<String, Object>> conditions = new ArrayList<>();
        if (available != null) {
            conditions.add(Map.of("type", "Available", "status", available));
        }
        conditions.add(Map.of("type", "Progressing", "status", progressing));
        conditions.add(Map.of("type", "Degraded", "status", degraded));
        create(Kinds.CLUSTER_OPERATOR, null, name, Map.of("conditions", conditions));
    }

    void machineConfigPool(String name, int machines, int ready) {
        create(Kinds.MACHINE_CONFIG_POOL, null, name, Map.of("machineCount", machines, "readyMachineCount", ready));
    }

    void csv(String namespace, String name, String phase) {
        create(Kinds.CSV, namespace, name, Map.of("phase", phase));
    }

    void singleNodeTopology() {
        create(Kinds.INFRASTRUCTURE, null, "cluster", Map.of("infrastructureTopology", "SingleReplica"));
    }

    void node(String name, String ready, boolean allRoleLabels) {
        Map<String, String> labels = allRoleLabels
                ? Map.of("node-role.kubernetes.io/control-plane", "", "node-role.kubernetes.io/master", "",
                        "node-role.kubernetes.io/worker", "")
                : Map.of("node-role.kubernetes.io/master", "");
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus()
                .build()).create();
    }

    void crd(String name) {
        String[] parts = name.split("\\.", 2);
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(name).endMetadata().withNewSpec().withGroup(parts[1])
                .withNewNames().withPlural(parts[0]).withKind(parts[0]).endNames().withScope("Namespaced")
                .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion().endSpec().build())
                .create();
    }

    GenericKubernetesResource create(ResourceDefinitionContext kind, String namespace, String name,
            Map<String, Object> status) {
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
                .withApiVersion(kind.getGroup() + "/" + kind.getVersion()).withKind(kind.getKind())
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata().build();
        r.setAdditionalProperty("status", status);
        var op = client.genericKubernetesResources(kind);
        return namespace == null ? op.resource(r).create() : op.inNamespace(namespace).resource(r).create();
    }
}
