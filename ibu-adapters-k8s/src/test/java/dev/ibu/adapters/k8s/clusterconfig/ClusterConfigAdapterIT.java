package dev.ibu.adapters.k8s.clusterconfig;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ibu.apiserver.Identity;
import dev.ibu.ports.out.ClusterConfiguration;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.SeedReconfiguration;
import dev.ibu.ports.testkit.ClusterConfigSamples;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.control.Option;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the cluster side carries over, read from the strict API server as the agent's ServiceAccount. */
class ClusterConfigAdapterIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final StrictCluster cluster = new StrictCluster();
    private final KubernetesClient admin = cluster.server.clientAs(Identity.admin());
    private final ClusterConfigAdapter adapter = new ClusterConfigAdapter(cluster.agent());

    @AfterEach
    void close() {
        admin.close();
        cluster.close();
    }

    private ClusterConfiguration gather() {
        return adapter.gather().getOrElseThrow(f -> new AssertionError(f.message()));
    }

    private JsonNode manifest(ClusterConfiguration c, String name) {
        return JSON.readTree(c.manifests().files().get(name).getOrElseThrow(() -> new AssertionError(name + " not in "
                + c.manifests().files().keySet())));
    }

    private void localVolume(String storageClass) {
        cluster.apply(StrictCluster.object("local.storage.openshift.io/v1", "LocalVolume", "openshift-local-storage",
                "local-disks", "spec", Map.of("storageClassDevices", List.of(Map.of("storageClassName", storageClass,
                        "devicePaths", List.of("/dev/vdb")))), "status", Map.of("state", "ok")));
    }

    private void certificate(String namespace, String name, String secretName) {
        cluster.apply(StrictCluster.object("cert-manager.io/v1", "Certificate", namespace, name, "spec",
                Map.of("secretName", secretName, "dnsNames", List.of("app.example.com"))));
    }

    @Test
    void local_volumes_travel_cleaned_with_the_storage_classes_they_name() {
        cluster.apply(StrictCluster.object("storage.k8s.io/v1", "StorageClass", null, "local-sc",
                "provisioner", "kubernetes.io/no-provisioner"));
        localVolume("local-sc");

        ClusterConfiguration c = gather();

        JsonNode lv = manifest(c, "LocalVolume_local-disks_openshift-local-storage.json");
        assertThat(lv.at("/spec/storageClassDevices/0/storageClassName").asString()).isEqualTo("local-sc");
        assertThat(lv.has("status")).isFalse();
        assertThat(lv.at("/metadata").has("uid")).isFalse();
        assertThat(lv.at("/metadata").has("resourceVersion")).isFalse();
        assertThat(lv.at("/metadata").has("creationTimestamp")).isFalse();
        JsonNode sc = manifest(c, "StorageClass_local-sc_.json");
        assertThat(sc.get("kind").asString()).isEqualTo("StorageClass");
        assertThat(sc.get("apiVersion").asString()).isEqualTo("storage.k8s.io/v1");
        assertThat(sc.get("provisioner").asString()).isEqualTo("kubernetes.io/no-provisioner");
    }

    @Test
    void a_storage_class_a_local_volume_names_must_exist() {
        localVolume("gone-sc");

        PortFailure f = adapter.gather().getLeft();

        assertThat(f).isInstanceOf(PortFailure.NotFound.class);
        assertThat(f.message()).startsWith("failed to get storageclass gone-sc: StorageClass gone-sc not found");
    }

    @Test
    void without_the_local_volume_crd_nothing_of_lso_travels() {
        admin.apiextensions().v1().customResourceDefinitions().withName("localvolumes.local.storage.openshift.io")
                .delete();

        assertThat(gather().manifests().files().keySet().filter(n -> n.startsWith("LocalVolume"))).isEmpty();
    }

    @Test
    void cert_manager_secrets_travel_with_their_namespaces_and_keys_for_recert() {
        cluster.secret("apps", "app-tls", "tls.crt", StrictCluster.text("app.crt"), "tls.key",
                StrictCluster.text("app.key"));
        cluster.secret("apps", "nocn-tls", "tls.crt", StrictCluster.text("nocn.crt"), "tls.key",
                StrictCluster.text("nocn.key"));
        cluster.secret("openshift-ingress", "router-tls", "tls.crt", StrictCluster.text("app.crt"), "tls.key",
                StrictCluster.text("app.key"));
        certificate("apps", "app", "app-tls");
        certificate("apps", "app-again", "app-tls");
        certificate("apps", "nocn", "nocn-tls");
        certificate("apps", "pending", "not-issued-yet");
        certificate("openshift-ingress", "router", "router-tls");

        ClusterConfiguration c = gather();

        assertThat(c.manifests().files().keySet().filter(n -> n.contains("certmanager")).toJavaSet())
                .containsExactlyInAnyOrder("01_certmanager_Namespace_apps.json",
                        "03_certmanager_Secret_app-tls_apps.json", "03_certmanager_Secret_nocn-tls_apps.json",
                        "03_certmanager_Secret_router-tls_openshift-ingress.json");
        assertThat(manifest(c, "01_certmanager_Namespace_apps.json").at("/metadata/name").asString()).isEqualTo("apps");
        JsonNode secret = manifest(c, "03_certmanager_Secret_app-tls_apps.json");
        assertThat(secret.at("/metadata").has("uid")).isFalse();
        assertThat(secret.at("/data/tls.key").asString()).isNotEmpty();
        assertThat(c.certManagerKeys().keySet().toJavaSet()).containsExactlyInAnyOrder(
                "CN=app.example.com__apps_app-tls.key", "CN=app.example.com__openshift-ingress_router-tls.key");
        assertThat(c.certManagerKeys().get("CN=app.example.com__apps_app-tls.key").get())
                .isEqualTo(StrictCluster.text("app.key"));
    }

    @Test
    void a_proxy_travels_with_its_status_and_trust_bundle() {
        cluster.apply(StrictCluster.object("config.openshift.io/v1", "Proxy", null, "cluster",
                "spec", Map.of("httpProxy", "http://proxy:3128", "trustedCA", Map.of("name", "user-ca-bundle")),
                "status", Map.of("httpProxy", "http://proxy:3128", "noProxy", ".cluster.local")));
        cluster.configMap("openshift-config", "user-ca-bundle", "ca-bundle.crt", "BUNDLE");

        SeedReconfiguration s = gather().seedReconfiguration();

        assertThat(s.proxy()).isEqualTo(Option.some(new SeedReconfiguration.Proxy("http://proxy:3128", "", "")));
        assertThat(s.statusProxy()).isEqualTo(Option.some(new SeedReconfiguration.Proxy("http://proxy:3128", "",
                ".cluster.local")));
        assertThat(s.additionalTrustBundle()).isEqualTo(new SeedReconfiguration.TrustBundle("BUNDLE",
                "user-ca-bundle", "BUNDLE"));
    }

    @Test
    void an_empty_proxy_trusted_ca_config_map_is_invalid_naming_it() {
        cluster.apply(StrictCluster.object("config.openshift.io/v1", "Proxy", null, "cluster",
                "spec", Map.of("trustedCA", Map.of("name", "proxy-ca"))));

        PortFailure f = adapter.gather().getLeft();

        assertThat(f).isInstanceOf(PortFailure.Invalid.class);
        assertThat(f.message()).startsWith("proxy trustedCA configmap openshift-config/proxy-ca exists but is empty");
    }

    @Test
    void without_a_kubeadmin_secret_the_hash_is_empty() {
        admin.secrets().inNamespace("kube-system").withName("kubeadmin").delete();

        assertThat(gather().seedReconfiguration().kubeadminPasswordHash()).isEmpty();
    }

    @Test
    void a_missing_signer_names_the_secret() {
        admin.secrets().inNamespace("openshift-kube-apiserver-operator").withName("loadbalancer-serving-signer")
                .delete();

        PortFailure f = adapter.gather().getLeft();

        assertThat(f).isInstanceOf(PortFailure.NotFound.class);
        assertThat(f.message()).startsWith("Secret openshift-kube-apiserver-operator/loadbalancer-serving-signer "
                + "not found");
    }

    @Test
    void a_bad_machine_network_is_invalid_naming_the_config_map() {
        cluster.configMap("kube-system", "cluster-config-v1", "install-config",
                "baseDomain: example.com\nnetworking:\n  machineNetwork:\n  - cidr: 192.168.122.0/33\n");

        assertThat(adapter.gather().getLeft().message()).isEqualTo("machineNetwork has an invalid CIDR: "
                + "192.168.122.0/33 (ConfigMap kube-system/cluster-config-v1 key install-config)");
    }

    @Test
    void gathering_logs_names_never_secret_values() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try {
            cluster.secret("apps", "app-tls", "tls.crt", StrictCluster.text("app.crt"), "tls.key",
                    StrictCluster.text("app.key"));
            certificate("apps", "app", "app-tls");
            gather();
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage()).doesNotContain("c2VjcmV0LXB1bGw=").doesNotContain("MIIsecret-signer")
                    .doesNotContain("PRIVATE KEY").doesNotContain(ClusterConfigSamples.KUBEADMIN_HASH);
        }
    }

    @Test
    void what_is_gathered_applies_onto_the_seeds_cluster_as_the_agent() {
        cluster.apply(StrictCluster.object("storage.k8s.io/v1", "StorageClass", null, "local-sc",
                "provisioner", "kubernetes.io/no-provisioner"));
        localVolume("local-sc");
        cluster.secret("apps", "app-tls", "tls.crt", StrictCluster.text("app.crt"), "tls.key",
                StrictCluster.text("app.key"));
        certificate("apps", "app", "app-tls");
        ClusterConfiguration c = gather();
        try (StrictCluster seed = new StrictCluster(); KubernetesClient seedAdmin = seed.server.clientAs(
                Identity.admin())) {
            seedAdmin.storage().v1().storageClasses().withName("local-sc").delete();
            seedAdmin.genericKubernetesResources("config.openshift.io/v1", "ImageDigestMirrorSet").withName("mirror")
                    .delete();
            seed.apply(StrictCluster.object("config.openshift.io/v1", "ImageDigestMirrorSet", null, "seed-mirror",
                    "spec", Map.of()));
            // the seed has the same operators installed, so LSO's namespace is there
            seed.apply(StrictCluster.object("v1", "Namespace", null, "openshift-local-storage"));

            var applied = new ClusterConfigAdapter(seed.agent()).apply(sorted(c));
            assertThat(applied.isRight()).as(() -> applied.getLeft().message()).isTrue();

            assertThat(seedAdmin.genericKubernetesResources("local.storage.openshift.io/v1", "LocalVolume")
                    .inNamespace("openshift-local-storage").withName("local-disks").get()).isNotNull();
            assertThat(seedAdmin.storage().v1().storageClasses().withName("local-sc").get()).isNotNull();
            assertThat(seedAdmin.namespaces().withName("apps").get()).isNotNull();
            assertThat(seedAdmin.secrets().inNamespace("apps").withName("app-tls").get().getData().get("tls.key"))
                    .isNotEmpty();
            assertThat(seedAdmin.genericKubernetesResources("config.openshift.io/v1", "ImageDigestMirrorSet")
                    .withName("mirror").get()).isNotNull();
            assertThat(seedAdmin.genericKubernetesResources("config.openshift.io/v1", "ImageDigestMirrorSet")
                    .withName("seed-mirror").get()).as("the seed's mirror configuration is gone").isNull();
            assertThat(seedAdmin.genericKubernetesResources("machineconfiguration.openshift.io/v1", "MachineConfig")
                    .withName("99-worker-ssh").get().getAdditionalProperties().get("spec").toString())
                    .contains(ClusterConfigSamples.SSH_KEY.strip());
        }
    }

    /**
     * The post-pivot apply runs again when the agent restarts in the middle of it: what the first run made is updated
     * in place (StorageClasses, LocalVolumes, the SSH MachineConfigs), the seed's mirror configuration and catalog
     * sources are deleted again, and the cluster's ImageContentSourcePolicies come back.
     */
    @Test
    void applying_again_after_an_interrupted_post_pivot_updates_in_place_and_clears_the_seeds_mirrors() {
        cluster.apply(StrictCluster.object("storage.k8s.io/v1", "StorageClass", null, "local-sc",
                "provisioner", "kubernetes.io/no-provisioner"));
        localVolume("local-sc");
        cluster.apply(StrictCluster.object("operator.openshift.io/v1alpha1", "ImageContentSourcePolicy", null,
                "cluster-icsp", "spec", Map.of("repositoryDigestMirrors", List.of(Map.of("source",
                        "quay.io/openshift-release-dev", "mirrors", List.of("registry.local/ocp"))))));
        ClusterConfiguration c = gather();
        try (StrictCluster seed = new StrictCluster(); KubernetesClient seedAdmin = seed.server.clientAs(
                Identity.admin())) {
            seed.apply(StrictCluster.object("operator.openshift.io/v1alpha1", "ImageContentSourcePolicy", null,
                    "seed-icsp", "spec", Map.of()));
            seed.apply(StrictCluster.object("v1", "Namespace", null, "openshift-marketplace"));
            seed.apply(StrictCluster.object("operators.coreos.com/v1alpha1", "CatalogSource", "openshift-marketplace",
                    "seed-catalog", "spec", Map.of("sourceType", "grpc")));
            seed.apply(StrictCluster.object("v1", "Namespace", null, "openshift-local-storage"));
            ClusterConfigAdapter agent = new ClusterConfigAdapter(seed.agent());

            var first = agent.apply(sorted(c));
            var again = agent.apply(sorted(c));

            assertThat(first.isRight()).as(() -> first.getLeft().message()).isTrue();
            assertThat(again.isRight()).as(() -> again.getLeft().message()).isTrue();
            var icsps = seedAdmin.genericKubernetesResources("operator.openshift.io/v1alpha1",
                    "ImageContentSourcePolicy");
            assertThat(icsps.withName("cluster-icsp").get()).isNotNull();
            assertThat(icsps.withName("seed-icsp").get()).as("the seed's mirror configuration is gone").isNull();
            assertThat(seedAdmin.genericKubernetesResources("operators.coreos.com/v1alpha1", "CatalogSource")
                    .inNamespace("openshift-marketplace").withName("seed-catalog").get())
                    .as("the seed's catalog source is gone").isNull();
            assertThat(seedAdmin.storage().v1().storageClasses().withName("local-sc").get()).isNotNull();
            assertThat(seedAdmin.genericKubernetesResources("local.storage.openshift.io/v1", "LocalVolume")
                    .inNamespace("openshift-local-storage").withName("local-disks").get()).isNotNull();
        }
    }

    /** What the host adapter loads back: the manifests and the SSH MachineConfigs, byte-wise by name. */
    private static dev.ibu.ports.out.ExportBundle sorted(ClusterConfiguration c) {
        return new dev.ibu.ports.out.ExportBundle(io.vavr.collection.LinkedHashMap.ofEntries(
                c.manifests().files().merge(dev.ibu.ports.testkit.InMemoryConfigFiles.sshMachineConfigs(
                        ClusterConfigSamples.SSH_KEY)).toList().sortBy(t -> t._1)));
    }
}
