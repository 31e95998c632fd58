package dev.ibu.adapters.oadp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Backups and Restores of the OADP namespace as a watch sees them (one fabric8 informer per kind: one list when it
 * starts, then a watch), so that a pass reads their phases from memory instead of asking the API server once per
 * object, and so that a change can wake the caller at once ({@link dev.ibu.ports.out.BackupPort#onProgress}), as
 * upstream's Restore watch does (LCA PR 7785). Started by the first question, not before; an informer that stopped
 * (its first list failed: the Velero CRDs are not served yet after the pivot, or RBAC denies the watch) is replaced
 * by a new one at a later question, at most once per {@code restartEvery} per kind, so a watch that cannot start costs
 * one list per kind per interval, not one per question. The cache answers only for objects it holds once synced: an object it does
 * not hold is looked up on the API server by the caller ({@link VeleroLookup}), so nothing is created twice because
 * the watch was late.
 */
final class VeleroWatch implements AutoCloseable {
    static final List<ResourceDefinitionContext> KINDS = List.of(VeleroKinds.BACKUP, VeleroKinds.RESTORE);
    private static final Logger LOG = LoggerFactory.getLogger(VeleroWatch.class);

    /** The shortest time between two starts of an informer of one kind. */
    static final Duration RESTART_EVERY = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final String namespace;
    private final Duration restartEvery;
    private final Map<ResourceDefinitionContext, Long> startedAt = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Map<ResourceDefinitionContext, SharedIndexInformer<GenericKubernetesResource>> informers =
            new LinkedHashMap<>();
    private int starts;
    private boolean closed;

    VeleroWatch(KubernetesClient client, String namespace) {
        this(client, namespace, RESTART_EVERY);
    }

    VeleroWatch(KubernetesClient client, String namespace, Duration restartEvery) {
        this.client = client;
        this.namespace = namespace;
        this.restartEvery = restartEvery;
    }

    /** {@code wake} runs (on the informer's thread) when a Backup or Restore may have moved on; see BackupPort. */
    void listen(Runnable wake) {
        listeners.add(wake);
    }

    /**
     * The object as the watch last saw it; empty when the watch does not hold it (absent, not synced yet, another
     * namespace, or a kind it does not watch): then ask the API server.
     */
    synchronized Optional<GenericKubernetesResource> cached(ResourceDefinitionContext kind, String ns, String name) {
        if (closed || !namespace.equals(ns) || !KINDS.contains(kind)) {
            return Optional.empty();
        }
        SharedIndexInformer<GenericKubernetesResource> informer = running(kind);
        if (informer == null || !informer.hasSynced()) {
            return Optional.empty();
        }
        return Optional.ofNullable(informer.getStore().getByKey(Cache.namespaceKeyFunc(ns, name)));
    }

    /** How many informers were started so far (one per kind, plus one per restart): each start is one list. */
    synchronized int starts() {
        return starts;
    }

    @Override
    public synchronized void close() {
        closed = true;
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
    }

    /** The informer of the kind, started if need be; null while a stopped one waits for its restart. */
    private SharedIndexInformer<GenericKubernetesResource> running(ResourceDefinitionContext kind) {
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind);
        long now = System.nanoTime();
        if (informer != null && informer.stopped().toCompletableFuture().isDone()) {
            if (now - startedAt.get(kind) < restartEvery.toNanos()) {
                return null;  // started again soon, not at every question
            }
            String why = informer.stopped().toCompletableFuture().handle((v, t) -> t == null ? "stopped"
                    : String.valueOf(t.getMessage())).join();
            LOG.warn("the watch of {} in {} stopped ({}); starting it again", kind.getPlural(), namespace, why);
            informer.close();
            informer = null;
        }
        if (informer == null) {
            informer = client.genericKubernetesResources(kind).inNamespace(namespace).runnableInformer(0);
            informer.addEventHandler(new Wake(kind == VeleroKinds.BACKUP));
            informer.start();
            informers.put(kind, informer);
            startedAt.put(kind, now);
            starts++;
            LOG.info("watching {} in {}", kind.getPlural(), namespace);
        }
        return informer;
    }

    private void wake() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("a Velero progress listener failed: {}", e.toString());
            }
        }
    }

    /**
     * What may unblock a pass: a phase change (upstream watches exactly this, for Restores), and for Backups also
     * their arrival with a phase (Velero synced it from the bucket after the pivot: its Restore can be created) and
     * their deletion (stale Backups and the Idle cleanup wait for it). Our own creates (no phase yet) do not wake.
     */
    private final class Wake implements ResourceEventHandler<GenericKubernetesResource> {
        private final boolean backups;

        Wake(boolean backups) {
            this.backups = backups;
        }

        @Override
        public void onAdd(GenericKubernetesResource obj) {
            if (backups && !VeleroResources.phase(obj).isEmpty()) {
                wake();
            }
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            if (!VeleroResources.phase(before).equals(VeleroResources.phase(after))) {
                wake();
            }
        }

        @Override
        public void onDelete(GenericKubernetesResource obj, boolean finalStateUnknown) {
            if (backups) {
                wake();
            }
        }
    }
}
