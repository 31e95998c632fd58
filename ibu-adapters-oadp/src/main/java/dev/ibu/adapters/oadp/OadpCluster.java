package dev.ibu.adapters.oadp;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The API calls this adapter makes, each returning {@link ApiError} instead of throwing. */
public final class OadpCluster {
    private static final Logger LOG = LoggerFactory.getLogger(OadpCluster.class);
    private final KubernetesClient client;

    public OadpCluster(KubernetesClient client) {
        this.client = client;
    }

    public KubernetesClient client() {
        return client;
    }

    /** {@code ClusterVersion/version .spec.clusterID}, the value Backups are labelled with. */
    public Either<ApiError, String> clusterId() {
        return get(VeleroKinds.CLUSTER_VERSION, "", "version").flatMap(cv -> {
            Object id = VeleroCr.map(cv.map(r -> r.getAdditionalProperties().get("spec")).orElse(null)).get("clusterID");
            if (cv.isEmpty() || id == null || id.toString().isEmpty()) {
                return Either.left(new ApiError(404, "clusterversions.config.openshift.io \"version\" has no spec.clusterID"));
            }
            return Either.right(id.toString());
        });
    }

    /** The data of a ConfigMap, or empty when it does not exist. */
    public Either<ApiError, Optional<Map<String, String>>> configMapData(String namespace, String name) {
        return ApiError.call(() -> client.configMaps().inNamespace(namespace).withName(name).get())
                .map(cm -> Optional.ofNullable(cm).map(ConfigMap::getData).map(d -> (Map<String, String>) d)
                        .or(() -> Optional.ofNullable(cm).map(c -> Map.of())));
    }

    /**
     * Upstream's {@code IsOadpInstalled}: a CSV in the OADP namespace whose name contains {@code oadp-operator}
     * and a CRD whose name ends with {@code oadp.openshift.io}. A failed list counts as "not installed".
     */
    public boolean oadpInstalled() {
        Either<ApiError, Boolean> csv = list(VeleroKinds.CSV, OadpNames.OADP_NAMESPACE, Map.of())
                .map(l -> l.stream().anyMatch(r -> r.getMetadata().getName().contains("oadp-operator")));
        Either<ApiError, Boolean> crd = ApiError.call(() -> client.apiextensions().v1().customResourceDefinitions().list())
                .map(l -> l.getItems().stream().map(CustomResourceDefinition::getMetadata)
                        .anyMatch(m -> m.getName().endsWith("oadp.openshift.io")));
        csv.orElseRun(e -> LOG.warn("could not list ClusterServiceVersions in {}: {}", OadpNames.OADP_NAMESPACE, e));
        crd.orElseRun(e -> LOG.warn("could not list CustomResourceDefinitions: {}", e));
        return csv.getOrElse(false) && crd.getOrElse(false);
    }

    public Either<ApiError, Optional<GenericKubernetesResource>> get(ResourceDefinitionContext kind, String ns, String name) {
        return ApiError.call(() -> Optional.ofNullable(named(kind, ns, name).get()));
    }

    /** Lists in one namespace, or in all when {@code ns} is null; {@code labels} must all match. */
    public Either<ApiError, List<GenericKubernetesResource>> list(ResourceDefinitionContext kind, String ns,
                                                                  Map<String, String> labels) {
        return ApiError.call(() -> {
            MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                    client.genericKubernetesResources(kind);
            var scoped = ns == null ? op.inAnyNamespace() : op.inNamespace(ns);
            return labels.isEmpty() ? scoped.list().getItems() : scoped.withLabels(labels).list().getItems();
        });
    }

    public Either<ApiError, GenericKubernetesResource> create(ResourceDefinitionContext kind, GenericKubernetesResource r) {
        return ApiError.call(() -> scoped(kind, r.getMetadata().getNamespace()).resource(r).create());
    }

    /** A create the API server validates and admits but does not persist. */
    public Either<ApiError, GenericKubernetesResource> dryRunCreate(ResourceDefinitionContext kind,
                                                                    GenericKubernetesResource r) {
        return ApiError.call(() -> scoped(kind, r.getMetadata().getNamespace()).resource(r).dryRun().create());
    }

    public Either<ApiError, GenericKubernetesResource> update(ResourceDefinitionContext kind, GenericKubernetesResource r) {
        return ApiError.call(() -> scoped(kind, r.getMetadata().getNamespace()).resource(r).update());
    }

    /** Deletes; an object already gone is success. */
    public Either<ApiError, Void> delete(ResourceDefinitionContext kind, String ns, String name) {
        Either<ApiError, Void> done = ApiError.call(() -> {
            named(kind, ns, name).delete();
            return null;
        });
        return done.isLeft() && done.getLeft().notFound() ? Either.right(null) : done;
    }

    public Either<ApiError, Void> mergePatch(ResourceDefinitionContext kind, String ns, String name, String json,
                                             boolean dryRun) {
        return ApiError.call(() -> {
            Resource<GenericKubernetesResource> r = named(kind, ns, name);
            (dryRun ? r.dryRun() : r).patch(PatchContext.of(PatchType.JSON_MERGE), json);
            return null;
        });
    }

    public Either<ApiError, Void> jsonPatch(ResourceDefinitionContext kind, String ns, String name, String json) {
        return ApiError.call(() -> {
            named(kind, ns, name).patch(PatchContext.of(PatchType.JSON), json);
            return null;
        });
    }

    private Resource<GenericKubernetesResource> named(ResourceDefinitionContext kind, String ns, String name) {
        return scoped(kind, ns).withName(name);
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> scoped(ResourceDefinitionContext kind, String ns) {
        var op = client.genericKubernetesResources(kind);
        if (kind.isNamespaceScoped() && (ns == null || ns.isEmpty())) {
            // fabric8 would fall back to the client's namespace; upstream's request fails instead
            throw new KubernetesClientException("metadata.namespace of a " + kind.getKind() + " is empty", 400, null);
        }
        return kind.isNamespaceScoped() ? op.inNamespace(ns) : op;
    }
}
