package dev.ibu.adapters.k8s;

import dev.ibu.adapters.k8s.crd.GeneratedCrd;
import dev.ibu.apiserver.AgentCluster;
import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.Identity;
import dev.ibu.apiserver.RequestLog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The strict API server as the agent's cluster, for this module's integration tests: the generated IBU CRD, the
 * OpenShift and Velero CRDs, the agent's RBAC from ibu-agent/deploy/base. Tests set the cluster up with
 * {@link #admin()} and hand {@link #agent()} (the agent's ServiceAccount) to the adapter under test, so a missing
 * RBAC rule fails the test with 403. Everything the agent asks is recorded, per test class, in
 * {@code target/agent-requests/<class>.tsv}: the RBAC proof in ibu-agent reads those files.
 */
public final class AgentApi implements AutoCloseable {
    public static final Path DEPLOY_BASE = Path.of("../ibu-agent/deploy/base");
    public static final Path RECORDINGS = Path.of("target/agent-requests");
    private static final Map<Class<?>, RequestLog> LOGS = new ConcurrentHashMap<>();

    private final AgentCluster cluster;
    private final Class<?> testClass;

    private AgentApi(AgentCluster cluster, Class<?> testClass) {
        this.cluster = cluster;
        this.testClass = testClass;
    }

    public static AgentApi start(Class<?> testClass) {
        RequestLog log = LOGS.computeIfAbsent(testClass, c -> new RequestLog(Identity.lifecycleAgent()));
        AgentCluster cluster = AgentCluster.start(DEPLOY_BASE, log);
        cluster.apply(GeneratedCrd.yaml(), "default");
        return new AgentApi(cluster, testClass);
    }

    /** Cluster administrator, for setting the scene only. */
    public KubernetesClient admin() {
        return cluster.admin();
    }

    /** The agent's ServiceAccount (no retries, as every client of the strict server). */
    public KubernetesClient agent() {
        return cluster.agent();
    }

    public ApiServer server() {
        return cluster.server();
    }

    /**
     * Creates the object as the administrator, then writes its status through the status subresource when the kind
     * has one (a create ignores status there, as on a cluster: a controller writes it afterwards).
     */
    public GenericKubernetesResource create(ResourceDefinitionContext kind, GenericKubernetesResource r) {
        var op = admin().genericKubernetesResources(kind);
        String ns = r.getMetadata().getNamespace();
        GenericKubernetesResource created = (ns == null ? op : op.inNamespace(ns)).resource(r).create();
        Object status = r.getAdditionalProperties().get("status");
        if (status == null || status.equals(created.getAdditionalProperties().get("status"))) {
            return created;
        }
        created.setAdditionalProperty("status", status);
        return (ns == null ? op : op.inNamespace(ns)).resource(created).updateStatus();
    }

    /** A request the test makes to see it denied: not a gap in the RBAC, so not recorded. */
    public void expectDenied(java.util.function.Predicate<dev.ibu.apiserver.AuditEvent> request) {
        LOGS.get(testClass).ignore(e -> !e.allowed() && request.test(e));
    }

    /**
     * Grants the agent a rule of the test's own, as an administrator adds one for a kind their extra manifests ship
     * (deploy/base says to); requests on that resource are not deploy/base's business and are not recorded.
     */
    public void grant(String group, String resource, String... verbs) {
        String name = "test-" + (group.isEmpty() ? "core" : group) + "-" + resource;
        apply("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: " + name + "\nrules:\n"
                + "- apiGroups: [\"" + group + "\"]\n  resources: [\"" + resource + "\"]\n  verbs: [\""
                + String.join("\", \"", verbs) + "\"]\n---\napiVersion: rbac.authorization.k8s.io/v1\n"
                + "kind: ClusterRoleBinding\nmetadata:\n  name: " + name + "\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n"
                + "  kind: ClusterRole\n  name: " + name + "\nsubjects:\n- kind: ServiceAccount\n"
                + "  name: lifecycle-agent-controller-manager\n  namespace: openshift-lifecycle-agent\n");
        LOGS.get(testClass).ignore(e -> e.group().equals(group) && e.resource().equals(resource));
    }

    /** Creates the namespace unless it exists. */
    public void namespace(String name) {
        apply("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n");
    }

    /** Applies YAML as the administrator. */
    public void apply(String yaml) {
        cluster.apply(yaml, "default");
    }

    @Override
    public void close() {
        cluster.close();
        LOGS.get(testClass).writeTo(RECORDINGS.resolve(testClass.getSimpleName() + ".tsv"));
    }
}
