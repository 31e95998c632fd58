package dev.ibu.adapters.k8s.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.k8s.Kinds;
import dev.ibu.ports.out.ClusterInfo;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import dev.ibu.adapters.k8s.AgentApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.vavr.control.Option;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Set up by an administrator, read by the adapter as the agent's ServiceAccount. */
class ClusterInfoAdapterIT {
    AgentApi api;
    KubernetesClient client;
    KubernetesClient agent;

    @BeforeEach
    void start() {
        api = AgentApi.start(getClass());
        client = api.admin();
        agent = api.agent();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void create(ResourceDefinitionContext kind, String name, Map<String, Object> fields) {
        var r = new GenericKubernetesResourceBuilder().withApiVersion(kind.getGroup() + "/" + kind.getVersion())
                .withKind(kind.getKind()).withNewMetadata().withName(name).endMetadata().build();
        fields.forEach(r::setAdditionalProperty);
        api.create(kind, r);
    }

    @Test
    void reads_version_proxy_fips_and_trust_bundle_as_the_seed_producer_does() {
        create(Kinds.CLUSTER_VERSION, "version", Map.of("status", Map.of("desired", Map.of("version", "4.15.3"))));
        create(ClusterInfoAdapter.PROXY, "cluster", Map.of("spec", Map.of("httpsProxy", "http://proxy:3128",
                "trustedCA", Map.of("name", "custom-ca"))));
        create(ClusterInfoAdapter.MACHINE_CONFIG, "rendered-master-abc", Map.of("spec", Map.of("fips", true)));
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("sno1")
                .addToAnnotations(ClusterInfoAdapter.CURRENT_CONFIG, "rendered-master-abc").endMetadata().build())
                .create();
        bundle("user-ca-bundle", "-----BEGIN CERTIFICATE-----");
        bundle("custom-ca", "-----BEGIN CERTIFICATE-----");

        ClusterInfo info = new ClusterInfoAdapter(agent).current().get();

        assertThat(info.ocpVersion()).isEqualTo("4.15.3");
        assertThat(info.hasProxy()).isTrue();
        assertThat(info.hasFips()).isTrue();
        assertThat(info.hasUserCaBundle()).isEqualTo(Option.some(true));
        assertThat(info.proxyTrustedCaName()).isEqualTo(Option.some("custom-ca"));
        assertThat(info.containerStorageMountpoint()).isEqualTo(Option.none());
    }

    @Test
    void a_plain_cluster_has_no_proxy_fips_or_bundle() {
        create(Kinds.CLUSTER_VERSION, "version", Map.of("status", Map.of("desired", Map.of("version", "4.14.0"))));
        create(ClusterInfoAdapter.PROXY, "cluster", Map.of("spec", Map.of("trustedCA", Map.of("name", ""))));

        ClusterInfo info = new ClusterInfoAdapter(agent).current().get();

        assertThat(info.hasProxy()).isFalse();
        assertThat(info.hasFips()).isFalse();
        assertThat(info.hasUserCaBundle()).isEqualTo(Option.some(false));
        assertThat(info.proxyTrustedCaName()).isEqualTo(Option.none());
    }

    private void bundle(String name, String text) {
        api.namespace("openshift-config");
        client.configMaps().inNamespace("openshift-config").resource(new ConfigMapBuilder().withNewMetadata()
                .withName(name).endMetadata().addToData("ca-bundle.crt", text).build()).create();
    }

    @Test
    void an_empty_trusted_ca_config_map_is_an_error_of_its_own() {
        create(Kinds.CLUSTER_VERSION, "version", Map.of("status", Map.of("desired", Map.of("version", "4.14.0"))));
        create(ClusterInfoAdapter.PROXY, "cluster", Map.of("spec", Map.of("trustedCA", Map.of("name", "corp-ca"))));
        bundle("corp-ca", "");

        assertThat(new ClusterInfoAdapter(agent).current().getLeft().message())
                .isEqualTo("proxy trustedCA configmap openshift-config/corp-ca exists but is empty");
    }

    @Test
    void without_a_cluster_version_the_message_says_what_is_missing() {
        PortFailure failure = new ClusterInfoAdapter(agent).current().getLeft();

        assertThat(failure).isInstanceOf(PortFailure.NotFound.class);
        assertThat(failure.message()).contains("ClusterVersion version has no status.desired.version");
    }
}
