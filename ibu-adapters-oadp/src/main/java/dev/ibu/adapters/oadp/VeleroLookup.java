package dev.ibu.adapters.oadp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.control.Either;

import java.util.Optional;

/**
 * Reads Backups and Restores for the passes: from the {@link VeleroWatch} cache when it holds the object, else from
 * the API server. Before acting on what the cache says (creating, deleting), the caller asks {@link #fresh}.
 */
final class VeleroLookup {
    private final OadpCluster cluster;
    private final VeleroWatch watch;

    VeleroLookup(OadpCluster cluster, VeleroWatch watch) {
        this.cluster = cluster;
        this.watch = watch;
    }

    /** The object as last seen: the cache's copy, or a GET when the cache does not hold it. */
    Either<ApiError, Optional<GenericKubernetesResource>> find(ResourceDefinitionContext kind, String ns, String name) {
        Optional<GenericKubernetesResource> cached = watch.cached(kind, ns, name);
        return cached.isPresent() ? Either.right(cached) : fresh(kind, ns, name);
    }

    /** The object as the API server has it now. */
    Either<ApiError, Optional<GenericKubernetesResource>> fresh(ResourceDefinitionContext kind, String ns, String name) {
        return cluster.get(kind, ns, name);
    }
}
