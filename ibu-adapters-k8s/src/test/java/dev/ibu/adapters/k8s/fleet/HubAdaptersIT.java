package dev.ibu.adapters.k8s.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.Identity;
import dev.ibu.codec.fleet.IbguStatusCodec;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.fleet.RowState;
import dev.ibu.ports.fleet.HubEngine;
import dev.ibu.ports.fleet.HubPass;
import dev.ibu.ports.fleet.IbguRef;
import dev.ibu.ports.fleet.WorkState;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's adapters against the strict API server, acting as the hub controller's service account (so the RBAC in
 * ibu-agent/deploy/hub is proven sufficient), with a simulated work agent writing ManifestWork status.
 */
class HubAdaptersIT {
    private static final String NS = "fleet";
    private static final IbguRef REF = new IbguRef(NS, "prep-two");
    private static final String WORK = WorkManifest.workName(REF);

    private ApiServer server;
    private KubernetesClient admin;
    private KubernetesClient hub;
    private HubAdapters adapters;
    private final Set<IbguRef> woken = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() {
        server = HubFixtures.hub();
        admin = server.clientAs(Identity.admin());
        apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: fleet}\n---\n"
                + "apiVersion: v1\nkind: Namespace\nmetadata: {name: sno-1}\n---\n"
                + "apiVersion: v1\nkind: Namespace\nmetadata: {name: sno-2}\n---\n"
                + "apiVersion: cluster.open-cluster-management.io/v1\nkind: ManagedCluster\n"
                + "metadata: {name: sno-1, labels: {env: lab}}\nspec: {hubAcceptsClient: true}\n---\n"
                + "apiVersion: cluster.open-cluster-management.io/v1\nkind: ManagedCluster\n"
                + "metadata: {name: sno-2, labels: {env: lab}}\nspec: {hubAcceptsClient: true}\n---\n"
                + "apiVersion: cluster.open-cluster-management.io/v1\nkind: ManagedCluster\n"
                + "metadata: {name: other, labels: {env: prod}}\nspec: {hubAcceptsClient: true}\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: oadp-cm, namespace: fleet}\ndata: {backup.yaml: 'kind: Backup'}\n---\n"
                + "apiVersion: lcm.openshift.io/v1alpha1\nkind: ImageBasedGroupUpgrade\n"
                + "metadata: {name: prep-two, namespace: fleet, annotations: {lca.openshift.io/target-ocp-version-manifest-count: '5', team: ran}}\n"
                + "spec:\n  clusterLabelSelectors: [{matchLabels: {env: lab}}]\n"
                + "  ibuSpec:\n    seedImageRef: {image: 'quay.io/seed/image:4.21.0', version: 4.21.0}\n"
                + "    oadpContent: [{name: oadp-cm, namespace: openshift-adp}]\n"
                + "  plan:\n  - actions: [Prep]\n    rolloutStrategy: {maxConcurrency: 1, timeout: 60, maxFailures: 0}\n");
        hub = server.clientAs(HubFixtures.HUB_CONTROLLER);
        adapters = HubAdapters.start(hub, ClockPort.system(), woken::add, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        adapters.close();
        hub.close();
        admin.close();
        server.close();
    }

    private void apply(String yaml) {
        server.apply(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "default");
    }

    private HubPass pass(HubEngine engine) {
        Either<PortFailure, HubPass> p = engine.reconcile(REF);
        assertThat(p.isRight()).as("%s", p).isTrue();
        return p.get();
    }

    /** Waits for the watch caches (bounded rounds, no timing assertion). */
    private static void eventually(java.util.function.BooleanSupplier condition) {
        dev.ibu.ports.contract.Polling.until(condition::getAsBoolean, ok -> ok, () -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 400);
    }

    private GenericKubernetesResource work(String cluster) {
        return admin.genericKubernetesResources(HubKinds.MANIFEST_WORK).inNamespace(cluster).withName(WORK).get();
    }

    @Test
    void the_hub_starts_a_spoke_by_manifest_work_and_completes_it_from_fresh_feedback_only() {
        HubEngine engine = new HubEngine(adapters.ports());
        assertThat(woken).contains(REF);
        HubPass first = pass(engine);
        assertThat(first.decision().get().starts()).hasSize(1);
        GenericKubernetesResource w = work("sno-1");
        assertThat(w).isNotNull();
        assertThat(work("sno-2")).isNull();
        String json = io.fabric8.kubernetes.client.utils.Serialization.asJson(w);
        assertThat(json).contains("\"stage\":\"Prep\"", "\"propagationPolicy\":\"Orphan\"", "oadp-cm",
                "PrepCompleted-status", WorkManifest.WORK_ROLE);
        assertThat(json).contains("\"lca.openshift.io/target-ocp-version-manifest-count\":\"5\"")
                .doesNotContain("\"team\"");

        eventually(() -> adapters.ports().works().list(REF).get().size() == 1);
        long gen = w.getMetadata().getGeneration();
        Map<String, String[]> done = Map.of(ConditionTypes.PREP_COMPLETED,
                new String[] {"True", "Completed", "Prep completed"});
        WorkAgentSim.report(admin, "sno-1", WORK, gen - 1, done);
        eventually(() -> adapters.ports().works().list(REF).get().head()
                .feedback().find(ConditionTypes.PREP_COMPLETED).isDefined());
        WorkState stale = adapters.ports().works().list(REF).get().head();
        assertThat(stale.fresh()).isFalse();
        assertThat(pass(engine).decision().get().summary().completed()).isZero();

        WorkAgentSim.report(admin, "sno-1", WORK, gen, done);
        eventually(() -> adapters.ports().works().list(REF).get().head().fresh());
        HubPass second = pass(engine);
        assertThat(second.decision().get().completed()).containsExactly("sno-1");
        assertThat(second.decision().get().starts()).extracting(s -> s.cluster()).containsExactly("sno-2");

        GenericKubernetesResource cluster = admin.genericKubernetesResources(HubKinds.MANAGED_CLUSTER)
                .withName("sno-1").get();
        assertThat(cluster.getMetadata().getLabels()).containsKey("lcm.openshift.io/ibgu-prep-completed");
        GenericKubernetesResource ibgu = admin.genericKubernetesResources(HubKinds.IBGU).inNamespace(NS)
                .withName("prep-two").get();
        String ibguJson = io.fabric8.kubernetes.client.utils.Serialization.asJson(ibgu);
        assertThat(IbguStatusCodec.summary(ibguJson).get().completed()).isEqualTo(1);
        assertThat(adapters.ports().works().list(REF).get().find(s -> s.cluster().equals("sno-1")).get().row()
                .state()).isEqualTo(RowState.COMPLETED);
        assertThat(admin.v1().events().inNamespace(NS).list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("SpokesStarted"));
    }

    @Test
    void a_failed_spoke_halts_a_zero_budget_and_the_status_write_is_optimistic() {
        HubEngine engine = new HubEngine(adapters.ports());
        pass(engine);
        long gen = work("sno-1").getMetadata().getGeneration();
        WorkAgentSim.report(admin, "sno-1", WORK, gen, Map.of(
                ConditionTypes.PREP_IN_PROGRESS, new String[] {"False", "Failed", "seed image pull failed"},
                ConditionTypes.PREP_COMPLETED, new String[] {"False", "Failed", "seed image pull failed"}));
        eventually(() -> adapters.ports().works().list(REF).get().head().fresh());
        HubPass p = pass(engine);
        assertThat(p.decision().get().halted().get()).contains("maxFailures 0");
        assertThat(work("sno-2")).isNull();

        var stored = adapters.ports().store().read(REF).get().get();
        assertThat(adapters.ports().store().writeStatus(REF, "1", new dev.ibu.ports.fleet.HubStatus(
                stored.ibgu().status(), stored.summary().get(), 0)).getLeft())
                .isInstanceOf(PortFailure.Conflict.class);
    }

    @Test
    void the_hub_pauses_and_resumes_auto_import_by_annotation() {
        String key = "import.open-cluster-management.io/disable-auto-import";
        assertThat(adapters.ports().clusters().annotate("sno-1", key, io.vavr.control.Option.some("true")).isRight())
                .isTrue();
        eventually(() -> adapters.ports().clusters().list(io.vavr.collection.List.of(
                dev.ibu.domain.fleet.LabelSelector.labels(io.vavr.collection.TreeMap.of("env", "lab")))).get()
                .find(c -> c.name().equals("sno-1")).get().annotations().containsKey(key));
        assertThat(adapters.ports().clusters().annotate("sno-1", key, io.vavr.control.Option.none()).isRight())
                .isTrue();
        assertThat(admin.genericKubernetesResources(HubKinds.MANAGED_CLUSTER).withName("sno-1").get().getMetadata()
                .getAnnotations()).doesNotContainKey(key);
        assertThat(adapters.ports().clusters().annotate("nowhere", key, io.vavr.control.Option.none()).getLeft())
                .isInstanceOf(PortFailure.NotFound.class);
    }

    @Test
    void the_hub_controller_may_do_what_it_needs_and_nothing_more() {
        assertThatThrownBy(() -> hub.genericKubernetesResources(HubKinds.IBGU).inNamespace(NS).withName("prep-two")
                .delete()).isInstanceOf(KubernetesClientException.class).hasMessageContaining("403");
        assertThatThrownBy(() -> hub.secrets().inNamespace(NS).list())
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("403");
        assertThatThrownBy(() -> hub.genericKubernetesResources(HubKinds.MANAGED_CLUSTER).withName("sno-1").delete())
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("403");
    }
}
