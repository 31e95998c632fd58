package dev.ibu.adapters.k8s.clusterconfig;

import dev.ibu.apiserver.Identity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/** {@link StrictCluster} for tests in other packages (the contract IT). */
public final class StrictClusterAccess implements AutoCloseable {
    private final StrictCluster cluster = new StrictCluster();
    private final KubernetesClient admin = cluster.server.clientAs(Identity.admin());

    public KubernetesClient agent() {
        return cluster.agent();
    }

    public void delete(String apiVersion, String kind, String namespace, String name) {
        var op = admin.genericKubernetesResources(apiVersion, kind);
        (namespace == null ? op.withName(name) : op.inNamespace(namespace).withName(name)).delete();
    }

    public void idms(String name) {
        cluster.apply(StrictCluster.object("config.openshift.io/v1", "ImageDigestMirrorSet", null, name, "spec",
                Map.of("imageDigestMirrors", List.of(Map.of("source", "quay.io/seed", "mirrors",
                        List.of("registry.seed/x"))))));
    }

    public boolean exists(String kind, String namespace, String name) {
        String apiVersion = switch (kind) {
            case "ImageDigestMirrorSet" -> "config.openshift.io/v1";
            case "ImageContentSourcePolicy" -> "operator.openshift.io/v1alpha1";
            case "LocalVolume" -> "local.storage.openshift.io/v1";
            case "StorageClass" -> "storage.k8s.io/v1";
            default -> "v1";
        };
        var op = admin.genericKubernetesResources(apiVersion, kind);
        return (namespace == null || namespace.isEmpty() ? op.withName(name) : op.inNamespace(namespace)
                .withName(name)).get() != null;
    }

    @Override
    public void close() {
        admin.close();
        cluster.close();
    }
}
