package dev.ibu.rehearsal;

import dev.ibu.adapters.k8s.crd.GeneratedCrd;
import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.ClusterCrds;
import dev.ibu.apiserver.Identity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code local}'s API server: the strict one (ibu-apiserver: schema and CEL admission from the generated CRD, RBAC,
 * watch, OpenAPI, Tables), with the generated IBU CRD, the OpenShift and OADP CRDs and the agent's RBAC from
 * deploy/base (packaged into this jar). The agent inside acts as its ServiceAccount ({@link #agent()}); kubectl and
 * the rehearsal's own edits act as the cluster administrator ({@link #admin()}, {@link #writeAdminKubeconfig}).
 */
final class LocalApiServer implements AutoCloseable {
    static final String AGENT_NAMESPACE = "openshift-lifecycle-agent";
    /** deploy/base's RBAC, copied onto the class path at build time (see the pom). */
    static final List<String> RBAC = List.of("service-account.yaml", "cluster-role.yaml", "cluster-role-binding.yaml",
            "role.yaml", "role-binding.yaml");

    private final ApiServer server;
    private final KubernetesClient admin;
    private final KubernetesClient agent;

    private LocalApiServer(ApiServer server) {
        this.server = server;
        this.admin = server.clientAs(Identity.admin());
        this.agent = server.clientAs(Identity.lifecycleAgent());
    }

    static LocalApiServer start(int port, boolean https) {
        ApiServer server = ApiServer.builder().port(port).https(https).start();
        try {
            server.apply(new ByteArrayInputStream(GeneratedCrd.yaml().getBytes(StandardCharsets.UTF_8)), "default");
            server.apply(ClusterCrds.openShift(), "default");
            server.apply(ClusterCrds.oadp(), "default");
            for (String file : RBAC) {
                try (InputStream in = LocalApiServer.class.getResourceAsStream("rbac/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("dev/ibu/rehearsal/rbac/" + file + " is missing from the jar: "
                                + "the build copies ibu-agent/deploy/base there");
                    }
                    server.apply(in, AGENT_NAMESPACE);
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new LocalApiServer(server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The cluster administrator: what a person with kubectl does. */
    KubernetesClient admin() {
        return admin;
    }

    /** The agent's ServiceAccount, with deploy/base's RBAC. */
    KubernetesClient agent() {
        return agent;
    }

    String url() {
        return server.url();
    }

    int port() {
        return server.port();
    }

    /** A kubeconfig (mode 0600) for kubectl as the cluster administrator. */
    Path writeAdminKubeconfig(Path file) {
        return server.writeKubeconfig(file, Identity.admin());
    }

    /** A kubeconfig (mode 0600) for a real {@code ibu-agent run} as the agent's ServiceAccount (deploy/base's RBAC). */
    Path writeAgentKubeconfig(Path file) {
        return server.writeKubeconfig(file, Identity.lifecycleAgent());
    }

    @Override
    public void close() {
        agent.close();
        admin.close();
        server.close();
    }
}
