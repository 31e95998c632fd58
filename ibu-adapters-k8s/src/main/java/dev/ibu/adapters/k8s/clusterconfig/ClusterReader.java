package dev.ibu.adapters.k8s.clusterconfig;

import dev.ibu.adapters.k8s.KubeFailures;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Reads for the cluster configuration, each naming its object: an absent required object is NotFound
 * ({@code <Kind> <ns>/<name> not found ...}), a missing key upstream's {@code did not find key <k> in <Kind>
 * <ns>/<name>}, other API errors as {@link KubeFailures} maps them. Values are never logged.
 */
final class ClusterReader {
    static final ResourceDefinitionContext SECRET = context("", "v1", "Secret", "secrets", true);
    static final ResourceDefinitionContext CONFIG_MAP = context("", "v1", "ConfigMap", "configmaps", true);
    static final ResourceDefinitionContext NODE = context("", "v1", "Node", "nodes", false);
    static final ResourceDefinitionContext DEPLOYMENT = context("apps", "v1", "Deployment", "deployments", true);
    static final ResourceDefinitionContext STORAGE_CLASS = context("storage.k8s.io", "v1", "StorageClass",
            "storageclasses", false);
    static final ResourceDefinitionContext CRD = context("apiextensions.k8s.io", "v1", "CustomResourceDefinition",
            "customresourcedefinitions", false);

    private final KubernetesClient client;

    ClusterReader(KubernetesClient client) {
        this.client = client;
    }

    static ResourceDefinitionContext context(String group, String version, String kind, String plural,
            boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }

    static String describe(ResourceDefinitionContext kind, String namespace, String name) {
        return kind.getKind() + " " + (namespace == null ? "" : namespace + "/") + name;
    }

    Option<GenericKubernetesResource> find(ResourceDefinitionContext kind, String namespace, String name) {
        try {
            var op = client.genericKubernetesResources(kind);
            return Option.of(namespace == null ? op.withName(name).get() : op.inNamespace(namespace).withName(name)
                    .get());
        } catch (KubernetesClientException e) {
            throw new SourceFailure(KubeFailures.from(describe(kind, namespace, name), e));
        }
    }

    GenericKubernetesResource require(ResourceDefinitionContext kind, String namespace, String name, String fix) {
        return find(kind, namespace, name).getOrElseThrow(() -> new SourceFailure(PortFailure.notFound(
                describe(kind, namespace, name) + " not found: " + fix)));
    }

    /** Every object of a kind (all namespaces); none when the kind is not served (its CRD is absent). */
    List<GenericKubernetesResource> list(ResourceDefinitionContext kind) {
        try {
            var op = client.genericKubernetesResources(kind);
            return List.ofAll((kind.isNamespaceScoped() ? op.inAnyNamespace().list() : op.list()).getItems());
        } catch (KubernetesClientException e) {
            if (KubeFailures.isNotFound(e)) {
                return List.empty();
            }
            throw new SourceFailure(KubeFailures.from("list of " + kind.getKind(), e));
        }
    }

    boolean crdExists(String name) {
        return find(CRD, null, name).isDefined();
    }

    /** The decoded value of a Secret's key; none when the Secret is absent. */
    Option<String> secretValue(String namespace, String name, String key) {
        return find(SECRET, namespace, name).map(s -> {
            Object data = s.getAdditionalProperties().get("data");
            Object v = data instanceof Map ? ((Map<?, ?>) data).get(key) : null;
            if (v == null) {
                throw new SourceFailure(PortFailure.notFound("did not find key " + key + " in Secret " + namespace + "/"
                        + name + ": add it or re-create the Secret"));
            }
            return new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8);
        });
    }

    String requiredSecretValue(String namespace, String name, String key, String fix) {
        return secretValue(namespace, name, key).getOrElseThrow(() -> new SourceFailure(PortFailure.notFound(
                describe(SECRET, namespace, name) + " not found: " + fix)));
    }

    /** A ConfigMap's key: none when the ConfigMap is absent; {@code orElse} when the key is (upstream's bundles). */
    Option<String> configMapValue(String namespace, String name, String key, Option<String> orElse) {
        return find(CONFIG_MAP, namespace, name).map(cm -> {
            Object data = cm.getAdditionalProperties().get("data");
            Object v = data instanceof Map ? ((Map<?, ?>) data).get(key) : null;
            if (v == null) {
                return orElse.getOrElseThrow(() -> new SourceFailure(PortFailure.notFound("did not find key " + key
                        + " in ConfigMap " + namespace + "/" + name + ": add it or re-create the ConfigMap")));
            }
            return String.valueOf(v);
        });
    }

    KubernetesClient client() {
        return client;
    }
}
