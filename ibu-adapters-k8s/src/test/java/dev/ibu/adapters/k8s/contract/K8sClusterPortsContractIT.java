package dev.ibu.adapters.k8s.contract;

import dev.ibu.adapters.k8s.Kinds;
import dev.ibu.adapters.k8s.AgentApi;
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
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * The shared cluster-side port contracts against the adapters on the strict API server, set up by an administrator
 * and driven as the agent's ServiceAccount. JUnit runs this outer
 * class's {@code @AfterEach} around every nested test, so each fixture's server is closed there.
 */
class K8sClusterPortsContractIT {
    static final String AGENT_NS = "openshift-lifecycle-agent";
    private AgentApi api;

    AgentApi start() {
        api = AgentApi.start(K8sClusterPortsContractIT.class);
        return api;
    }

    @AfterEach
    void closeApi() {
        if (api != null) {
            api.close();
        }
    }

    static void putConfigMap(AgentApi api, ConfigMapRef ref, Map<String, String> data) {
        api.namespace(ref.namespace());
        api.admin().configMaps().inNamespace(ref.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                .withName(ref.name()).withNamespace(ref.namespace()).endMetadata().withData(data).build()).create();
    }

    static void create(AgentApi api, ResourceDefinitionContext kind, String ns, String name,
            Map<String, Object> fields) {
        var r = new GenericKubernetesResourceBuilder().withApiVersion(kind.getGroup() + "/" + kind.getVersion())
                .withKind(kind.getKind()).withNewMetadata().withName(name).withNamespace(ns).endMetadata().build();
        fields.forEach(r::setAdditionalProperty);
        if (ns != null) {
            api.namespace(ns);
        }
        api.create(kind, r);
    }

    @Nested
    class ConfigMaps extends ConfigMapPortContractTest {
        @Override
        protected Fixture newFixture() {
            AgentApi api = start();
            ConfigMapAdapter adapter = new ConfigMapAdapter(api.agent());
            return new Fixture() {
                public ConfigMapPort port() {
                    return adapter;
                }

                public void putConfigMap(ConfigMapRef ref, Map<String, String> data) {
                    K8sClusterPortsContractIT.putConfigMap(api, ref, data);
                }
            };
        }
    }

    @Nested
    class PullSecrets extends PullSecretPortContractTest {
        @Override
        protected Fixture newFixture() {
            AgentApi api = start();
            PullSecretAdapter adapter = new PullSecretAdapter(api.agent(), AGENT_NS);
            return new Fixture() {
                public PullSecretPort port() {
                    return adapter;
                }

                public void putPullSecret(String name, String json) {
                    api.admin().secrets().inNamespace(AGENT_NS).resource(new SecretBuilder().withNewMetadata()
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
            AgentApi api = start();
            ClusterHealthAdapter adapter = new ClusterHealthAdapter(api.agent());
            return new Fixture() {
                public ClusterHealthPort port() {
                    return adapter;
                }

                public void breakMandatory() {
                    create(api, Kinds.CLUSTER_OPERATOR, null, "authentication", Map.of("status", Map.of(
                            "conditions", List.of(Map.of("type", "Available", "status", "True"),
                                    Map.of("type", "Degraded", "status", "True")))));
                }

                public void breakDeferred() {
                    create(api, Kinds.CSV, "openshift-operators", "sriov-fec.v2.8.0",
                            Map.of("status", Map.of("phase", "Installing")));
                }
            };
        }
    }

    @Nested
    class Info extends ClusterInfoPortContractTest {
        @Override
        protected Fixture newFixture() {
            AgentApi api = start();
            create(api, Kinds.CLUSTER_VERSION, null, "version",
                    Map.of("status", Map.of("desired", Map.of("version", "4.14.7"))));
            ClusterInfoAdapter adapter = new ClusterInfoAdapter(api.agent());
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
            AgentApi api = start();
            api.namespace("openshift-adp");
            ExtraManifestAdapter adapter = new ExtraManifestAdapter(api.agent());
            return new Fixture() {
                public ExtraManifestPort port() {
                    return adapter;
                }

                public void putConfigMap(ConfigMapRef ref, Map<String, String> data) {
                    K8sClusterPortsContractIT.putConfigMap(api, ref, data);
                }
            };
        }
    }
}
