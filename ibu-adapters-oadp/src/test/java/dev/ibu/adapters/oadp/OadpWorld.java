package dev.ibu.adapters.oadp;

import dev.ibu.adapters.oadp.kube.KubeCluster;
import dev.ibu.adapters.oadp.velero.ObjectStore;
import dev.ibu.adapters.oadp.velero.TestVelero;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.collection.List;

import java.time.Duration;
import java.util.Map;

/**
 * One test cluster: the strict API server with OADP installed (CRDs, operator CSV, a DPA and its credentials
 * Secret), a ClusterVersion with a cluster ID, a {@link TestVelero} (an administrator) on a shared
 * {@link ObjectStore}, a manual clock, and an adapter acting as the agent's ServiceAccount whose waits tick Velero
 * and move the clock (so blocking calls are deterministic and fast).
 */
public final class OadpWorld implements AutoCloseable {
    static final String NS = OadpNames.OADP_NAMESPACE;
    static final String CLUSTER_ID = "7e1f1d3c-0000-4000-8000-000000000001";
    static final OadpSettings FAST = new OadpSettings(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(1));

    final KubeCluster cluster;
    final ObjectStore store;
    public final TestVelero velero;
    final ManualClock clock;
    public final OadpBackupAdapter adapter;
    int sleeps;

    private OadpWorld(ObjectStore store, boolean installOadp, boolean withDpa) {
        this(store, installOadp, withDpa, new ManualClock());
    }

    private OadpWorld(ObjectStore store, boolean installOadp, boolean withDpa, ManualClock clock) {
        this.clock = clock;
        this.cluster = KubeCluster.start();
        this.store = store;
        this.velero = new TestVelero(cluster.client(), store);
        this.adapter = new OadpBackupAdapter(cluster.agent(), clock, FAST, d -> {
            sleeps++;
            clock.advance(d);
            velero.tick();
        });
        clusterVersion(CLUSTER_ID);
        if (installOadp) {
            installOadp();
        }
        if (withDpa) {
            dpa("dataprotectionapplication", "cloud-credentials");
            velero.tick(); // DPA reconciled, BSL Available, as on a cluster ready for Prep
        }
    }

    /** A cluster with OADP installed and one DPA. */
    public static OadpWorld standard() {
        return new OadpWorld(new ObjectStore(), true, true);
    }

    /** A standard cluster whose adapter and waits use {@code clock} (e.g. a test kit world's). */
    static OadpWorld standard(ManualClock clock) {
        return new OadpWorld(new ObjectStore(), true, true, clock);
    }

    /**
     * What the pivot does to this cluster's API objects: etcd comes from the seed, so no Backup, Restore,
     * DeleteBackupRequest, DPA, location or credentials Secret is left; the bucket and the cluster ID stay.
     */
    void wipeForPivot() {
        for (ResourceDefinitionContext kind : java.util.List.of(VeleroKinds.BACKUP, VeleroKinds.RESTORE,
                VeleroKinds.DELETE_BACKUP_REQUEST, VeleroKinds.BACKUP_STORAGE_LOCATION, VeleroKinds.DPA)) {
            list(kind).forEach(r -> client().genericKubernetesResources(kind).inNamespace(r.getMetadata().getNamespace())
                    .withName(r.getMetadata().getName()).delete());
        }
        client().secrets().inNamespace(NS).withName("cloud-credentials").delete();
    }

    static OadpWorld withoutOadp() {
        return new OadpWorld(new ObjectStore(), false, false);
    }

    static OadpWorld withoutDpa() {
        return new OadpWorld(new ObjectStore(), true, false);
    }

    /** The cluster after the pivot: fresh etcd from the seed (OADP operator installed, no DPA), same bucket. */
    OadpWorld pivot() {
        return new OadpWorld(store, true, false);
    }

    /** Another adapter on this cluster, e.g. with the system clock and real sleeps. */
    OadpBackupAdapter adapter(dev.ibu.ports.out.ClockPort clock, OadpSettings settings, OadpBackupAdapter.Sleeper sleeper) {
        return new OadpBackupAdapter(cluster.agent(), clock, settings, sleeper);
    }

    /** The administrator (setup and assertions); the adapter acts as the agent's ServiceAccount. */
    public KubernetesClient client() {
        return cluster.client();
    }

    void installOadp() {
        cluster.installOadp();
        cluster.namespace(NS);
        create(VeleroKinds.CSV, resource(VeleroKinds.CSV, "oadp-operator.v1.4.2", NS, Map.of("spec", Map.of())));
    }

    void clusterVersion(String clusterId) {
        GenericKubernetesResource cv = resource(VeleroKinds.CLUSTER_VERSION, "version", null,
                Map.of("spec", Map.of("clusterID", clusterId)));
        var op = client().genericKubernetesResources(VeleroKinds.CLUSTER_VERSION);
        if (op.withName("version").get() != null) {
            op.withName("version").delete();
        }
        op.resource(cv).create();
    }

    void dpa(String name, String secret) {
        cluster.namespace(NS);
        client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(secret)
                .withNamespace(NS).endMetadata().addToData("cloud", "W2RlZmF1bHRdCmF3c19hY2Nlc3Nfa2V5X2lkPXgK")
                .build()).create();
        create(VeleroKinds.DPA, resource(VeleroKinds.DPA, name, NS, Map.of("spec", Map.of("backupLocations",
                java.util.List.of(Map.of("velero", Map.of("provider", "aws", "default", true,
                        "credential", Map.of("name", secret, "key", "cloud"))))))));
    }

    public ConfigMapRef configMap(String name, Map<String, String> data) {
        cluster.namespace(NS);
        client().configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .withNamespace(NS).endMetadata().withData(data).build()).create();
        return new ConfigMapRef(name, NS);
    }

    GenericKubernetesResource get(ResourceDefinitionContext kind, String name) {
        return client().genericKubernetesResources(kind).inNamespace(NS).withName(name).get();
    }

    public java.util.List<GenericKubernetesResource> list(ResourceDefinitionContext kind) {
        return client().genericKubernetesResources(kind).inAnyNamespace().list().getItems();
    }

    void create(ResourceDefinitionContext kind, GenericKubernetesResource r) {
        var op = client().genericKubernetesResources(kind);
        (kind.isNamespaceScoped() ? op.inNamespace(r.getMetadata().getNamespace()) : op).resource(r).create();
    }

    static GenericKubernetesResource resource(ResourceDefinitionContext kind, String name, String ns,
                                              Map<String, Object> body) {
        GenericKubernetesResourceBuilder b = new GenericKubernetesResourceBuilder()
                .withApiVersion(kind.getGroup() + "/" + kind.getVersion()).withKind(kind.getKind())
                .withNewMetadata().withName(name).withNamespace(ns).endMetadata();
        body.forEach(b::addToAdditionalProperties);
        return b.build();
    }

    static List<ConfigMapRef> refs(ConfigMapRef... refs) {
        return List.of(refs);
    }

    @Override
    public void close() {
        adapter.close();
        velero.close();
        cluster.close();
    }
}
