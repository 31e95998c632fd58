package dev.ibu.agent;

import dev.ibu.adapters.k8s.crd.GeneratedCrd;
import dev.ibu.apiserver.AgentCluster;
import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.ClusterCrds;
import dev.ibu.apiserver.Identity;
import dev.ibu.apiserver.RequestLog;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The strict API server as the agent's cluster for this module's integration tests: the generated IBU CRD, the
 * OpenShift and OADP CRDs, deploy/base's RBAC. {@link #admin()} sets the scene and plays the user;
 * {@link #agent()} and {@link #agentKubeconfig} are the agent's ServiceAccount. What the agent asks is recorded per
 * test class in {@code target/agent-requests/<class>.tsv} for {@code AgentRbacProofTest}.
 */
public final class StrictCluster implements AutoCloseable {
    public static final Path DEPLOY_BASE = Path.of("deploy/base");
    public static final Path RECORDINGS = Path.of("target/agent-requests");
    private static final Map<Class<?>, RequestLog> LOGS = new ConcurrentHashMap<>();

    private final AgentCluster cluster;
    private final Class<?> testClass;

    private StrictCluster(AgentCluster cluster, Class<?> testClass) {
        this.cluster = cluster;
        this.testClass = testClass;
    }

    public static StrictCluster start(Class<?> testClass) {
        RequestLog log = LOGS.computeIfAbsent(testClass, c -> new RequestLog(Identity.lifecycleAgent()));
        AgentCluster cluster = AgentCluster.start(DEPLOY_BASE, log);
        cluster.apply(GeneratedCrd.yaml(), "default");
        cluster.server().apply(ClusterCrds.oadp(), "default");
        cluster.apply("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: openshift-adp\n", "default");
        return new StrictCluster(cluster, testClass);
    }

    /** The cluster administrator: the scene, the user's edits, the ops commands run by a person. */
    public KubernetesClient admin() {
        return cluster.admin();
    }

    /** The agent's ServiceAccount. */
    public KubernetesClient agent() {
        return cluster.agent();
    }

    public ApiServer server() {
        return cluster.server();
    }

    /** A kubeconfig acting as the agent's ServiceAccount (what the agent's pod has). */
    public Path agentKubeconfig(Path file) {
        return cluster.server().writeKubeconfig(file, Identity.lifecycleAgent());
    }

    /** A kubeconfig for the cluster administrator (a person running an ops command). */
    public Path adminKubeconfig(Path file) {
        return cluster.server().writeKubeconfig(file, Identity.admin());
    }

    @Override
    public void close() {
        cluster.close();
        LOGS.get(testClass).writeTo(RECORDINGS.resolve(testClass.getSimpleName() + ".tsv"));
    }
}
