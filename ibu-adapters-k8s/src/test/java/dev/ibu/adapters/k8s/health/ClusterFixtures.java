package dev.ibu.adapters.k8s.health;

import dev.ibu.adapters.k8s.AgentApi;
import dev.ibu.adapters.k8s.Kinds;
import dev.ibu.apiserver.ClusterCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds OpenShift objects in the strict API server, as an administrator (status through the status subresource). */
final class ClusterFixtures {
    private final AgentApi api;
    private final KubernetesClient client;

    ClusterFixtures(AgentApi api) {
        this.api = api;
        this.client = api.admin();
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
        var node = client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().build()).create();
        node.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder().addNewCondition().withType("Ready")
                .withStatus(ready).endCondition().build());
        client.nodes().resource(node).updateStatus();
    }

    /** Installs the operator's CRDs: SR-IOV for its node-state CRD, OADP (Velero and the DPA) for the DPA's. */
    void crd(String name) {
        if (name.equals(Kinds.SRIOV_NODE_STATE_CRD)) {
            api.server().apply(ClusterCrds.sriov(), "default");
        } else if (name.equals(Kinds.DPA_CRD)) {
            api.server().apply(ClusterCrds.oadp(), "default");
        } else {
            throw new IllegalArgumentException("no CRDs for " + name);
        }
    }

    GenericKubernetesResource create(ResourceDefinitionContext kind, String namespace, String name,
            Map<String, Object> status) {
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
                .withApiVersion(kind.getGroup() + "/" + kind.getVersion()).withKind(kind.getKind())
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata().build();
        r.setAdditionalProperty("status", status);
        if (namespace != null) {
            api.namespace(namespace);
        }
        return api.create(kind, r);
    }
}
