package dev.ibu.adapters.k8s.manifests;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.control.Option;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Maps apiVersion + kind to plural and scope: kinds built into the fabric8 model are known without asking
 * (every cluster serves them); other kinds are looked up in the group-version's discovery document. None means
 * "not served" (a CRD that is not deployed). Discovery answers, "not served" included, are cached for the life of
 * the mapper, which is one validation or one apply run.
 */
final class RestMapper {
    private final KubernetesClient client;
    /** By apiVersion; empty when the group-version is not served. Thread-safe: validation maps from several threads. */
    private final Map<String, Optional<APIResourceList>> discovery = new ConcurrentHashMap<>();

    RestMapper(KubernetesClient client) {
        this.client = client;
    }

    Option<ResourceDefinitionContext> map(String apiVersion, String kind) {
        if (apiVersion == null || apiVersion.isEmpty() || kind == null) {
            return Option.none();
        }
        Class<? extends KubernetesResource> type = client.getKubernetesSerialization()
                .getRegisteredKubernetesResource(apiVersion, kind);
        if (type != null && HasMetadata.class.isAssignableFrom(type) && type.getName().startsWith("io.fabric8.")) {
            @SuppressWarnings("unchecked")
            Class<? extends HasMetadata> resource = (Class<? extends HasMetadata>) type;
            return Option.some(context(apiVersion, kind, HasMetadata.getPlural(resource),
                    Namespaced.class.isAssignableFrom(type)));
        }
        APIResourceList list = discovery.computeIfAbsent(apiVersion, v -> Optional.ofNullable(client.getApiResources(v)))
                .orElse(null);
        if (list == null || list.getResources() == null) {
            return Option.none();
        }
        return Option.ofOptional(list.getResources().stream()
                .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/"))
                .findFirst()
                .map((APIResource r) -> context(apiVersion, kind, r.getName(), Boolean.TRUE.equals(r.getNamespaced()))));
    }

    private static ResourceDefinitionContext context(String apiVersion, String kind, String plural,
            boolean namespaced) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }
}
