package dev.ibu.adapters.k8s.contract;

import dev.ibu.adapters.k8s.Kinds;
import dev.ibu.adapters.k8s.StrictMockApi;
import dev.ibu.adapters.k8s.config.ClusterInfoAdapter;
import dev.ibu.adapters.k8s.config.ConfigMapAdapter;
import dev.ibu.adapters.k8s.config.PullSecretAdapter;
import dev.ibu.adapters.k8s.health.ClusterHealthAdapter;
import dev.ibu.adapters.k8s.manifests.ExtraManifestAdapter;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.contract.ClusterHealthPortContractTest;
import dev.ibu.ports.contract.ClusterInfoPortContractTest;
import dev.ibu.ports.contract.ConfigMapPortContractTest;
import dev.ibu.ports.contract.ExtraManifestPortContractTest;
import dev.ibu.ports.contract.PullSecretPortContractTest;
import dev.ibu.ports.out.ClusterHealthPort;
import dev.ibu.ports.out.ClusterInfoPort;
import dev.ibu.ports.out.ConfigMapPort;
import dev.ibu.ports.out.ExtraManifestPort;
import dev.ibu.ports.out.PullSecretPort;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * The shared cluster-side port contracts against the adapters on the mock API server. JUnit runs this outer
 * class's {@code @AfterEach} around every nested test, so each fixture's server is closed there.
 */
class K8sClusterPortsContractIT {
    static final String AGENT_NS = "openshift-lifecycle-agent";
    private StrictMockApi api;

    StrictMockApi start() {
        api = new StrictMockApi();
        return api;
    }

    @AfterEach
    void closeApi() {
        if (api != null) {
            api.close();
        }
    }

    static void putConfigMap(KubernetesClient client, ConfigMapRef ref, Map<String, String> data) {
        client.configMaps().inNamespace(ref.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                .withName(ref.name()).withNamespace(ref.namespace()).endMetadata().withData(data).build()).create();
    }

    static void create(KubernetesClient client, ResourceDefinitionContext kind, String ns, String name,
            Map<String, Object> fields) {
        var r = new GenericKubernetesResourceBuilder().withApiVersion(kind.getGroup() + "/" + kind.getVersion())
                .withKind(kind.getKind()).withNewMetadata().withName(name).withNamespace(ns).endMetadata().build();
        fields.forEach(r::setAdditionalProperty);
        var op = client.genericKubernetesResources(kind);
        (ns == null ? op.resource(r) : op.inNamespace(ns).resource(r)).create();
    }

    @Nested
    class ConfigMaps extends ConfigMapPortContractTest {
        @Override
        protected Fixture newFixture() {
            StrictMockApi api = start();
            KubernetesClient client = api.client();
            ConfigMapAdapter adapter = new ConfigMapAdapter(client);
            return new Fixture() {
                public ConfigMapPort port() {
                    return adapter;
                }

                public void putConfigMap(ConfigMapRef ref, Map<String, String> data) {
                    K8sClusterPortsContractIT.putConfigMap(client, ref, data);
                }
            };
        }
    }

    @Nested
    class PullSecrets extends PullSecretPortContractTest {
        @Override
        protected Fixture newFixture() {
            StrictMockApi api = start();
            PullSecretAdapter adapter = new PullSecretAdapter(api.client(), AGENT_NS);
            return new Fixture() {
                public PullSecretPort port() {
                    return adapter;
                }

                public void putPullSecret(String name, String json) {
                    api.client().secrets().inNamespace(AGENT_NS).resource(new SecretBuilder().withNewMetadata()
                            .withName(name).endMetadata().withType("kubernetes.io/dockerconfigjson")
                            .addToData(".dockerconfigjson", Base64.getEncoder().encodeToString(
                                    json.getBytes(StandardCharsets.UTF_8))).build()).create();
                }
            };
        }
    }

    @Nested
    class Health extends ClusterHealthPortContractTest {
        @Override
        protected Fixture newFixture() {
            StrictMockApi api = start();
            KubernetesClient client = api.client();
            ClusterHealthAdapter adapter = new ClusterHealthAdapter(client);
            return new Fixture() {
                public ClusterHealthPort port() {
                    return adapter;
                }

                public void breakMandatory() {
                    create(client, Kinds.CLUSTER_OPERATOR, null, "authentication", Map.of("status", Map.of(
                            "conditions", List.of(Map.of("type", "Available", "status", "True"),
                                    Map.of("type", "Degraded", "status", "True")))));
                }

                public void breakDeferred() {
                    create(client, Kinds.CSV, "openshift-operators", "sriov-fec.v2.8.0",
                            Map.of("status", Map.of("phase", "Installing")));
                }
            };
        }
    }

    @Nested
    class Info extends ClusterInfoPortContractTest {
        @Override
        protected Fixture newFixture() {
            StrictMockApi api = start();
            create(api.client(), Kinds.CLUSTER_VERSION, null, "version",
                    Map.of("status", Map.of("desired", Map.of("version", "4.14.7"))));
            ClusterInfoAdapter adapter = new ClusterInfoAdapter(api.client());
            return new Fixture() {
                public ClusterInfoPort port() {
                    return adapter;
                }

                public String desiredVersion() {
                    return "4.14.7";
                }
            };
        }
    }

    @Nested
    class ExtraManifests extends ExtraManifestPortContractTest {
        @Override
        protected Fixture newFixture() {
            StrictMockApi api = start();
            KubernetesClient client = api.client();
            for (String ns : new String[] {"default", "openshift-lifecycle-agent", "openshift-adp"}) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                        .build()).create();
            }
            ExtraManifestAdapter adapter = new ExtraManifestAdapter(client);
            return new Fixture() {
                public ExtraManifestPort port() {
                    return adapter;
                }

                public void putConfigMap(ConfigMapRef ref, Map<String, String> data) {
                    K8sClusterPortsContractIT.putConfigMap(client, ref, data);
                }
            };
        }
    }
}
