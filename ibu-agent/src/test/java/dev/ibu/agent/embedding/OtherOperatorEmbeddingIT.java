package dev.ibu.agent.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.k8s.crd.GeneratedCrd;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.EnginePortsBuilder;
import dev.ibu.ports.engine.UpgradeEngine;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.ClusterInfoPort;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.IbuResourcePort;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.out.StaterootPort;
import dev.ibu.ports.testkit.TestWorld;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small "other operator" embeds the engine: one port of its own (it records events in its own way), the cluster
 * ports from the real k8s and OADP adapter jars found by ServiceLoader, talking to an API server (the fabric8 mock
 * with the generated CRD), and the host from the test kit's provider (it fills in what no adapter provides once a
 * {@link TestWorld} is shared). The mock API server has no ClusterVersion, so the cluster's facts are the world's.
 */
@EnableKubernetesMockClient(crud = true)
class OtherOperatorEmbeddingIT {
    KubernetesMockServer server;
    KubernetesClient client;

    private static final ResourceDefinitionContext IBU = new ResourceDefinitionContext.Builder()
            .withGroup("lca.openshift.io").withVersion("v1").withPlural("imagebasedupgrades").withNamespaced(false)
            .build();

    @Test
    void the_engine_runs_with_discovered_adapters_and_one_port_of_the_embedders() {
        client.apiextensions().v1().customResourceDefinitions().resource(GeneratedCrd.definition()).create();
        TestWorld world = TestWorld.fresh();
        List<String> myEvents = new ArrayList<>();
        EventPort mine = (type, reason, message) -> myEvents.add(type + " " + reason);

        EnginePortsBuilder builder = new EnginePortsBuilder()
                .context(new PortContext(Map.of("agent.namespace", "my-operator"),
                        Map.of(KubernetesClient.class, client, TestWorld.class, world)))
                .discover(getClass().getClassLoader())
                .with(EventPort.class, mine)
                .with(ClusterInfoPort.class, world.cluster());
        EnginePorts ports = builder.build();

        assertThat(builder.origins()).containsEntry(EventPort.class, "explicit")
                .containsEntry(IbuResourcePort.class, "k8s").containsEntry(BackupPort.class, "oadp")
                .containsEntry(StaterootPort.class, "test-world").containsEntry(ClockPort.class, "test-world");

        UpgradeEngine engine = new UpgradeEngine(ports);
        engine.initialize();
        ReconcileResult first = engine.reconcile(ReconcileCommand.singleton("embedded-1"));
        assertThat(first.error()).isEmpty();
        assertThat(conditions()).containsExactly("Idle=True/Idle");

        // the administrator's command, as the product document gives it
        client.genericKubernetesResources(IBU).withName("upgrade").edit(r -> {
            Map<String, Object> spec = r.get("spec");
            spec.put("stage", "Prep");
            spec.put("seedImageRef", Map.of("version", TestWorld.DEFAULT_SEED_VERSION,
                    "image", TestWorld.DEFAULT_SEED_IMAGE));
            return r;
        });
        ReconcileResult prep = engine.reconcile(ReconcileCommand.singleton("embedded-2"));
        assertThat(prep.error()).as(prep.summary()).isEmpty();
        assertThat(conditions()).containsExactly("Idle=False/InProgress", "PrepInProgress=True/InProgress");
        assertThat(myEvents).contains("NORMAL TransitionAccepted");
        ImageBasedUpgrade stored = ports.resource().read().get().get();
        assertThat(stored.status().validNextStages().map(Object::toString)).containsExactly("Idle");
        assertThat(world.host().setupJobState(world.newStateroot()).getClass().getSimpleName())
                .isIn("Running", "Succeeded");
    }

    @SuppressWarnings("unchecked")
    private List<String> conditions() {
        GenericKubernetesResource r = client.genericKubernetesResources(IBU).withName("upgrade").get();
        Map<String, Object> status = (Map<String, Object>) r.getAdditionalProperties().get("status");
        List<String> out = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) status.get("conditions")) {
            out.add(c.get("type") + "=" + c.get("status") + "/" + c.get("reason"));
        }
        return out;
    }
}
