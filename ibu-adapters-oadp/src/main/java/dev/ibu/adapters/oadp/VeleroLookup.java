package dev.ibu.adapters.oadp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.control.Either;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads Backups and Restores for the passes: from the {@link VeleroWatch} cache when it holds the object, else from
 * the API server. Before acting on what the cache says (creating, deleting), the caller asks {@link #fresh}.
 *
 * <p>Answers never go back in time. A GET can be ahead of the watch: a Backup first read from the API server as
 * Completed can next be read from a cache that still holds it InProgress, and the pass would answer Done, then
 * Waiting. A finished phase (Completed, Failed, PartiallyFailed, FailedValidation) is final for an object (its
 * uid): once one was seen, a cache copy of the same object that is not finished is behind, and the finished copy
 * answers instead. A different uid (deleted and created again) is a new object and is answered as the cache has it.
 */
final class VeleroLookup {
    private final OadpCluster cluster;
    private final Cache watch;
    /** The finished copy last seen of each object, by uid (a few per upgrade: one per Backup and Restore). */
    private final Map<String, GenericKubernetesResource> finished = new ConcurrentHashMap<>();

    VeleroLookup(OadpCluster cluster, VeleroWatch watch) {
        this(cluster, watch::cached);
    }

    VeleroLookup(OadpCluster cluster, Cache watch) {
        this.cluster = cluster;
        this.watch = watch;
    }

    /** Where copies come from without asking the API server: {@link VeleroWatch#cached}. */
    @FunctionalInterface
    interface Cache {
        Optional<GenericKubernetesResource> cached(ResourceDefinitionContext kind, String ns, String name);
    }

    /** The object as last seen: the cache's copy, or a GET when the cache does not hold it. */
    Either<ApiError, Optional<GenericKubernetesResource>> find(ResourceDefinitionContext kind, String ns, String name) {
        Optional<GenericKubernetesResource> cached = watch.cached(kind, ns, name);
        if (cached.isEmpty()) {
            return fresh(kind, ns, name);
        }
        GenericKubernetesResource seen = cached.get();
        GenericKubernetesResource done = finished.get(uid(seen));
        if (done != null && !isFinished(seen)) {
            return Either.right(Optional.of(done));  // the cache is behind what we already read
        }
        return Either.right(Optional.of(remember(seen)));
    }

    /** The object as the API server has it now. */
    Either<ApiError, Optional<GenericKubernetesResource>> fresh(ResourceDefinitionContext kind, String ns, String name) {
        return cluster.get(kind, ns, name).map(found -> found.map(this::remember));
    }

    private GenericKubernetesResource remember(GenericKubernetesResource r) {
        if (isFinished(r) && !uid(r).isEmpty()) {
            finished.put(uid(r), r);
        }
        return r;
    }

    static boolean isFinished(GenericKubernetesResource r) {
        PhaseBucket b = PhaseBucket.of(VeleroResources.phase(r));
        return b == PhaseBucket.SUCCEEDED || b == PhaseBucket.FAILED;
    }

    private static String uid(GenericKubernetesResource r) {
        String uid = r.getMetadata() == null ? null : r.getMetadata().getUid();
        return uid == null ? "" : uid;
    }
}
