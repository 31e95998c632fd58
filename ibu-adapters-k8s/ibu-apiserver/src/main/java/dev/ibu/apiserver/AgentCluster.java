package dev.ibu.apiserver;

import dev.ibu.apiserver.json.Json;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A strict API server set up as the agent's cluster: the OpenShift CRDs ({@link ClusterCrds#openShift()}; add the
 * SR-IOV or OADP ones when the test's cluster has those operators), the
 * agent's ServiceAccount and RBAC read from a deploy directory (every Role, ClusterRole, binding and ServiceAccount
 * in its YAML files, namespaced ones in the agent's namespace), an administrator client for test setup and a client
 * acting as the agent's ServiceAccount for the code under test. Optionally records what the agent asks.
 */
public final class AgentCluster implements AutoCloseable {
    public static final String AGENT_NAMESPACE = "openshift-lifecycle-agent";
    private static final Set<String> RBAC_KINDS = Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding",
            "ServiceAccount");
    private final ApiServer server;
    private final KubernetesClient admin;
    private final KubernetesClient agent;

    private AgentCluster(ApiServer server) {
        this.server = server;
        this.admin = server.clientAs(Identity.admin());
        this.agent = server.clientAs(Identity.lifecycleAgent());
    }

    /**
     * @param deployBase the directory holding the agent's RBAC manifests (ibu-agent/deploy/base)
     * @param log        records the agent's requests (a {@link RequestLog} for {@link Identity#lifecycleAgent()}), or null
     */
    public static AgentCluster start(Path deployBase, RequestLog log) {
        ApiServer server = ApiServer.builder().start();
        try {
            server.apply(ClusterCrds.openShift(), "default");
            applyRbac(server, deployBase);
            if (log != null) {
                server.addAuditListener(log);
            }
            return new AgentCluster(server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Applies every RBAC document of the directory's YAML files (other kinds are left out). */
    public static void applyRbac(ApiServer server, Path deployBase) {
        try (Stream<Path> files = Files.list(deployBase)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode doc : documents(f)) {
                    if (RBAC_KINDS.contains(doc.path("kind").asString(""))) {
                        server.apply(new ByteArrayInputStream(Json.bytes(doc)), AGENT_NAMESPACE);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent's RBAC from " + deployBase.toAbsolutePath(), e);
        }
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Json.yamlDocuments(in);
        }
    }

    public ApiServer server() {
        return server;
    }

    /** For setting the cluster up (system:masters): never hand it to the code under test. */
    public KubernetesClient admin() {
        return admin;
    }

    /** The agent's ServiceAccount: hand this one to the adapters. */
    public KubernetesClient agent() {
        return agent;
    }

    /** Applies YAML text as the administrator. */
    public void apply(String yaml, String defaultNamespace) {
        server.apply(new ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), defaultNamespace);
    }

    @Override
    public void close() {
        agent.close();
        admin.close();
        server.close();
    }
}
