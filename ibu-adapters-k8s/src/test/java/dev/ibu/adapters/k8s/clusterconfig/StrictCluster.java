package dev.ibu.adapters.k8s.clusterconfig;

import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.Identity;
import dev.ibu.ports.out.SeedReconfiguration;
import dev.ibu.ports.testkit.ClusterConfigSamples;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The strict API server holding the single-node cluster {@link ClusterConfigSamples} describes, with the agent's RBAC
 * from deploy/base and the CRDs of the kinds the cluster configuration touches; {@link #agent()} is the agent's
 * ServiceAccount.
 */
final class StrictCluster implements AutoCloseable {
    /**
     * What the agent asked, for AgentRbacProofTest: written to target/agent-requests when this test JVM exits (the
     * tests do not always close their cluster), as the other strict-server harnesses record per test class.
     */
    private static final dev.ibu.apiserver.RequestLog RECORDING = recording();

    private static dev.ibu.apiserver.RequestLog recording() {
        dev.ibu.apiserver.RequestLog log = new dev.ibu.apiserver.RequestLog(dev.ibu.apiserver.Identity.lifecycleAgent());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> log.writeTo(
                java.nio.file.Path.of("target/agent-requests/ClusterConfigStrictCluster.tsv"))));
        return log;
    }

    static final Path DEPLOY = Path.of("../ibu-agent/deploy/base");
    static final String AGENT_NS = "openshift-lifecycle-agent";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final ApiServer server;
    private final KubernetesClient agent;

    StrictCluster() {
        server = ApiServer.builder().start();
        server.addAuditListener(RECORDING);
        for (String f : List.of("service-account.yaml", "role.yaml", "cluster-role.yaml", "role-binding.yaml",
                "cluster-role-binding.yaml")) {
            server.apply(DEPLOY.resolve(f), AGENT_NS);
        }
        server.apply(resource("crds.yaml"), "default");
        seedReconfiguration(ClusterConfigSamples.seedFromCluster());
        agent = server.clientAs(Identity.lifecycleAgent());
    }

    KubernetesClient agent() {
        return agent;
    }

    static InputStream resource(String name) {
        InputStream in = StrictCluster.class.getResourceAsStream("/clusterconfig/" + name);
        if (in == null) {
            throw new IllegalStateException("test resource /clusterconfig/" + name + " missing");
        }
        return in;
    }

    static String text(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies one object, given as nested maps, as the administrator. */
    void apply(Map<String, Object> object) {
        server.apply(new ByteArrayInputStream(JSON.writeValueAsBytes(object)), "default");
    }

    static Map<String, Object> object(String apiVersion, String kind, String namespace, String name,
            Object... fieldsAndValues) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", name);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", apiVersion);
        o.put("kind", kind);
        o.put("metadata", meta);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            o.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return o;
    }

    void secret(String namespace, String name, String... keysAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put(keysAndValues[i], Base64.getEncoder().encodeToString(keysAndValues[i + 1]
                    .getBytes(StandardCharsets.UTF_8)));
        }
        apply(object("v1", "Secret", namespace, name, "data", data));
    }

    void configMap(String namespace, String name, String key, String value) {
        apply(object("v1", "ConfigMap", namespace, name, "data", Map.of(key, value)));
    }

    /** The objects from which the adapter reads {@code s} (keys redacted in the sample stay as they are). */
    private void seedReconfiguration(SeedReconfiguration s) {
        apply(object("config.openshift.io/v1", "ClusterVersion", null, "version", "spec",
                Map.of("clusterID", s.clusterId())));
        apply(object("config.openshift.io/v1", "Infrastructure", null, "cluster", "status",
                Map.of("infrastructureName", s.infraId())));
        apply(object("config.openshift.io/v1", "Proxy", null, "cluster", "spec", Map.of()));
        configMap("kube-system", "cluster-config-v1", "install-config", s.installConfig());
        Map<String, Object> node = object("v1", "Node", null, s.hostname(), "status", Map.of("addresses", List.of(
                Map.of("type", "InternalIP", "address", s.nodeIps().head()),
                Map.of("type", "Hostname", "address", s.hostname()))));
        @SuppressWarnings("unchecked")
        Map<String, Object> nodeMeta = (Map<String, Object>) node.get("metadata");
        nodeMeta.put("labels", s.nodeLabels().toJavaMap());
        apply(node);
        apply(object("apps/v1", "Deployment", "openshift-cluster-version", "cluster-version-operator", "spec",
                Map.of("selector", Map.of("matchLabels", Map.of("k8s-app", "cvo")), "template", Map.of("metadata",
                        Map.of("labels", Map.of("k8s-app", "cvo")), "spec", Map.of("containers", List.of(Map.of(
                        "name", "cluster-version-operator", "image", s.releaseRegistry()
                                + "/openshift-release-dev/ocp-release@sha256:" + "0".repeat(64))))))));
        secret("openshift-config", "pull-secret", ".dockerconfigjson", s.pullSecret());
        secret("kube-system", "kubeadmin", "kubeadmin", s.kubeadminPasswordHash());
        SeedReconfiguration.KubeconfigCrypto c = s.kubeconfigCryptoRetention();
        secret("openshift-kube-apiserver-operator", "localhost-serving-signer", "tls.key", c.localhostSignerKey());
        secret("openshift-kube-apiserver-operator", "service-network-serving-signer", "tls.key",
                c.serviceNetworkSignerKey());
        secret("openshift-kube-apiserver-operator", "loadbalancer-serving-signer", "tls.key",
                c.loadbalancerSignerKey());
        secret("openshift-ingress-operator", "router-ca", "tls.key", c.ingressCaKey(), "tls.crt",
                text("router-ca.crt"));
        configMap("openshift-config", "admin-kubeconfig-client-ca", "ca-bundle.crt", c.adminCaCertificate());
        apply(object("config.openshift.io/v1", "ImageDigestMirrorSet", null, "mirror", "spec", Map.of(
                "imageDigestMirrors", List.of(Map.of("source", "quay.io/openshift-release-dev", "mirrors",
                        List.of("registry.local/ocp"))))));
    }

    @Override
    public void close() {
        agent.close();
        server.close();
    }
}
