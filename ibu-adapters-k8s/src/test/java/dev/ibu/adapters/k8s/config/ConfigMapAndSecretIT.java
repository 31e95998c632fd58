package dev.ibu.adapters.k8s.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ConfigMapData;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.ibu.adapters.k8s.AgentApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.vavr.collection.List;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Set up by an administrator, read by the adapters as the agent's ServiceAccount. */
class ConfigMapAndSecretIT {
    private static final String NS = "openshift-lifecycle-agent";
    private static final String DOCKER_CONFIG = "{\"auths\":{\"quay.io\":{\"auth\":\"c2VjcmV0OnNlY3JldA==\"}}}";

    AgentApi api;
    KubernetesClient client;
    KubernetesClient agent;

    @BeforeEach
    void start() {
        api = AgentApi.start(getClass());
        client = api.admin();
        agent = api.agent();
        api.namespace("openshift-adp");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void configMap(String ns, String name, Map<String, String> data) {
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .withNamespace(ns).endMetadata().withData(data).addToBinaryData("bin", "AAAA").build()).create();
    }

    @Test
    void reads_each_distinct_config_map_once_in_the_order_first_named() {
        configMap(NS, "extra", Map.of("b.yaml", "kind: B", "a.yaml", "kind: A"));
        configMap("openshift-adp", "oadp", Map.of("backup.yaml", "kind: Backup"));
        ConfigMapRef extra = new ConfigMapRef("extra", NS);
        ConfigMapRef oadp = new ConfigMapRef("oadp", "openshift-adp");

        List<ConfigMapData> read = new ConfigMapAdapter(agent).read(List.of(extra, oadp, extra)).get();

        assertThat(read.map(ConfigMapData::ref)).containsExactly(extra, oadp);
        assertThat(read.get(0).data()).containsOnlyKeys("a.yaml", "b.yaml").containsEntry("a.yaml", "kind: A");
    }

    @Test
    void a_missing_config_map_is_not_found_naming_namespace_and_name() {
        configMap(NS, "extra", Map.of());

        PortFailure failure = new ConfigMapAdapter(agent).read(List.of(new ConfigMapRef("extra", NS),
                new ConfigMapRef("absent-cm", NS))).getLeft();

        assertThat(failure).isInstanceOf(PortFailure.NotFound.class);
        assertThat(failure.message()).contains(NS + "/absent-cm").contains("configmaps \"absent-cm\" not found")
                .contains("Please create the configMap");
    }

    @Test
    void pull_secret_is_decoded_and_never_printed() {
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("seed-pull")
                .endMetadata().withType("kubernetes.io/dockerconfigjson").addToData(".dockerconfigjson",
                        Base64.getEncoder().encodeToString(DOCKER_CONFIG.getBytes(StandardCharsets.UTF_8)))
                .build()).create();

        var secret = new PullSecretAdapter(agent, NS).read("seed-pull").get();

        assertThat(secret.dockerConfigJson()).isEqualTo(DOCKER_CONFIG);
        assertThat(secret.toString()).doesNotContain("c2VjcmV0");
    }

    @Test
    void missing_secret_or_key_names_the_secret_and_the_fix() {
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("opaque")
                .endMetadata().addToData("token", "c2VjcmV0").build()).create();
        PullSecretAdapter adapter = new PullSecretAdapter(agent, NS);

        PortFailure missing = adapter.read("absent").getLeft();
        PortFailure noKey = adapter.read("opaque").getLeft();

        assertThat(missing).isInstanceOf(PortFailure.NotFound.class);
        assertThat(missing.message()).contains("Secret " + NS + "/absent")
                .contains("spec.seedImageRef.pullSecretRef.name");
        assertThat(noKey.message()).contains("Secret " + NS + "/opaque").contains("has no key .dockerconfigjson")
                .doesNotContain("c2VjcmV0");
    }
}
