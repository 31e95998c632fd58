package dev.ibu.adapters.oadp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.control.Either;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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
    /** What the current pass read, by kind and namespace; none outside a pass. */
    private final ThreadLocal<Map<String, PassReads>> pass = new ThreadLocal<>();

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

    /**
     * The object as the API server has it now. Within {@link #inPass}, each kind and namespace is asked at most twice
     * a pass: a GET for the first object asked about, then one list that answers for every other (a pass that starts a
     * wave of 50 Backups sends a GET and a list, not 100 GETs); a list that fails falls back to GETs.
     */
    Either<ApiError, Optional<GenericKubernetesResource>> fresh(ResourceDefinitionContext kind, String ns, String name) {
        Map<String, PassReads> reads = pass.get();
        if (reads == null) {
            return cluster.get(kind, ns, name).map(found -> found.map(this::remember));
        }
        PassReads seen = reads.computeIfAbsent(kind.getGroup() + "/" + kind.getPlural() + "/" + ns, k -> new PassReads());
        if (seen.got.containsKey(name)) {
            return Either.right(seen.got.get(name));
        }
        if (seen.listed == null && (seen.got.isEmpty() || seen.listFailed)) {
            Either<ApiError, Optional<GenericKubernetesResource>> got =
                    cluster.get(kind, ns, name).map(found -> found.map(this::remember));
            got.forEach(found -> seen.got.put(name, found));
            return got;
        }
        if (seen.listed == null) {
            Either<ApiError, List<GenericKubernetesResource>> listed = cluster.list(kind, ns, Map.of());
            if (listed.isLeft()) {
                seen.listFailed = true;
                return fresh(kind, ns, name);
            }
            seen.listed = byName(listed.get());
        }
        Optional<GenericKubernetesResource> found = Optional.ofNullable(seen.listed.get(name)).map(this::remember);
        seen.got.put(name, found);
        return Either.right(found);
    }

    /** What one pass read of one kind in one namespace: objects by name (empty: absent), and its list if it listed. */
    private static final class PassReads {
        final Map<String, Optional<GenericKubernetesResource>> got = new HashMap<>();
        Map<String, GenericKubernetesResource> listed;
        boolean listFailed;
    }

    /**
     * Runs one pass: what the watch does not hold is read at most twice per kind and namespace (see {@link #fresh});
     * the pass's own writes come after its reads of the same objects, so what it read holds for the pass.
     */
    <T> T inPass(Supplier<T> body) {
        if (pass.get() != null) {
            return body.get();
        }
        pass.set(new HashMap<>());
        try {
            return body.get();
        } finally {
            pass.remove();
        }
    }

    private static Map<String, GenericKubernetesResource> byName(List<GenericKubernetesResource> items) {
        Map<String, GenericKubernetesResource> out = new HashMap<>();
        for (GenericKubernetesResource r : items) {
            out.put(r.getMetadata().getName(), r);
        }
        return out;
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
