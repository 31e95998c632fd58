package dev.ibu.adapters.oadp.strict;

import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.Identity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The strict API server with what the OADP adapter needs: the Velero, OADP, ClusterVersion and CSV CRDs, the
 * {@code openshift-adp} namespace, the ClusterVersion with a cluster ID, and the agent's RBAC from
 * {@code ibu-agent/deploy/base}. {@link #agent} is a client as the agent's ServiceAccount whose requests are counted;
 * {@link #admin} acts for the test and its Velero.
 */
public final class StrictOadp implements AutoCloseable {
    public static final String CLUSTER_ID = "7e1f1d3c-0000-4000-8000-000000000002";
    static final Path DEPLOY = Path.of("../ibu-agent/deploy/base");
    static final List<String> RBAC = List.of("namespace.yaml", "service-account.yaml", "role.yaml", "cluster-role.yaml",
            "role-binding.yaml", "cluster-role-binding.yaml");

    public final ApiServer api;
    public final KubernetesClient admin;
    public final KubernetesClient agent;
    public final RequestCounter requests = new RequestCounter();

    /** What the agent asked, for AgentRbacProofTest (target/agent-requests/<test class>.tsv, as KubeCluster writes). */
    private static final java.util.Map<String, dev.ibu.apiserver.RequestLog> LOGS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final String testClass = StackWalker.getInstance().walk(frames -> frames
            .map(StackWalker.StackFrame::getClassName).map(n -> n.contains("$") ? n.substring(0, n.indexOf('$')) : n)
            .filter(n -> n.endsWith("IT") || n.endsWith("Test")).findFirst().orElse("unknown"));
    private final dev.ibu.apiserver.RequestLog log = LOGS.computeIfAbsent(testClass,
            c -> new dev.ibu.apiserver.RequestLog(dev.ibu.apiserver.Identity.lifecycleAgent()));

    public StrictOadp() {
        api = ApiServer.builder().start();
        api.addAuditListener(log);
        try (InputStream crds = StrictOadp.class.getResourceAsStream("/strict/oadp-crds.yaml")) {
            api.apply(crds, "default");
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String file : RBAC) {
            api.apply(DEPLOY.resolve(file), "openshift-lifecycle-agent");
        }
        apply("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: openshift-adp\n"
                + "---\napiVersion: config.openshift.io/v1\nkind: ClusterVersion\nmetadata:\n  name: version\n"
                + "spec:\n  clusterID: " + CLUSTER_ID + "\n");
        admin = api.clientAs(Identity.admin());
        agent = counted(api.clientAs(Identity.lifecycleAgent()), requests);
    }

    /** Applies YAML documents as the administrator. */
    public void apply(String yaml) {
        api.apply(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "openshift-adp");
    }

    /** A client with the same configuration whose requests {@code counter} counts. */
    public static KubernetesClient counted(KubernetesClient base, RequestCounter counter) {
        try (base) {
            return new KubernetesClientBuilder().withConfig(base.getConfiguration())
                    .withHttpClientFactory(new JdkHttpClientFactory())
                    .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", counter)).build();
        }
    }

    @Override
    public void close() {
        agent.close();
        admin.close();
        api.close();
        log.writeTo(dev.ibu.adapters.oadp.kube.KubeCluster.RECORDINGS.resolve(
                "Strict-" + testClass.substring(testClass.lastIndexOf('.') + 1) + ".tsv"));
    }
}
