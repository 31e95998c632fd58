package dev.ibu.agent.controller;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An informer on the singleton ImageBasedUpgrade that never dies of a bad object or an API outage:
 * <ul>
 * <li>it watches the raw object ({@link GenericKubernetesResource}, which any JSON object decodes to) and converts
 * each one with {@link IbuDecoding}; an unreadable one is reported ({@link UnreadableIbuReport}) and handed on as
 * {@link Listener#unreadable}, and the watch goes on;</li>
 * <li>a failed list or watch is always retried (fabric8's reconnect backoff), where fabric8's default gives up on a
 * watch error or on a failure before the first list;</li>
 * <li>if the informer stops anyway, it is started again after a backoff, until {@link #close}.</li>
 * </ul>
 * {@link #problem} says what is wrong for the readiness probe.
 */
final class IbuInformer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IbuInformer.class);

    /** What the informer reports: readable objects typed, unreadable ones raw. */
    interface Listener {
        void added(ImageBasedUpgradeResource ibu);

        void updated(Optional<ImageBasedUpgradeResource> before, ImageBasedUpgradeResource after);

        void deleted(Optional<ImageBasedUpgradeResource> last);

        /** An object that cannot be read (already logged and recorded as an Event). */
        void unreadable(GenericKubernetesResource raw);
    }

    private final KubernetesClient client;
    private final Listener listener;
    private final Backoff restarts;
    private final UnreadableIbuReport report;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ibu-informer-restart");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final Duration watchGrace;
    private volatile long notWatchingSince = -1;
    private SharedIndexInformer<GenericKubernetesResource> informer;
    private boolean closed;

    /** {@code watchGrace}: how long the watch may be reconnecting before {@link #problem} reports it. */
    IbuInformer(KubernetesClient client, Listener listener, Backoff restarts, Duration watchGrace) {
        this.client = client;
        this.watchGrace = watchGrace;
        this.listener = listener;
        this.restarts = restarts;
        this.report = new UnreadableIbuReport(client);
    }

    synchronized void start() {
        if (closed) {
            return;
        }
        SharedIndexInformer<GenericKubernetesResource> i = client.genericKubernetesResources(IbuDecoding.KIND)
                .withName(ImageBasedUpgradeResource.NAME).runnableInformer(0);
        i.exceptionHandler((started, t) -> {
            String what = t.getClass().getSimpleName() + ": " + t.getMessage();
            lastError.set(what);
            LOG.warn("the ImageBasedUpgrade informer failed to list or watch ({}); retrying", what);
            return true;
        });
        i.addEventHandler(new Handler());
        informer = i;
        i.start();
        i.stopped().whenComplete((v, t) -> stopped(i, t));
    }

    private void stopped(SharedIndexInformer<GenericKubernetesResource> which, Throwable t) {
        Duration wait;
        synchronized (this) {
            if (closed || which != informer) {
                return;
            }
            wait = restarts.next();
            lastError.set("the informer stopped" + (t == null ? "" : ": " + t.getMessage()));
        }
        LOG.warn("the ImageBasedUpgrade informer stopped ({}); starting it again in {}s", t == null ? "closed"
                : t.getMessage(), wait.toSeconds());
        timer.schedule(this::start, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Empty while the informer watches; else why not, for /readyz: a failed list or watch, or a watch that has been
     * reconnecting for longer than the grace (fabric8 reconnects a dropped watch by itself, without reporting).
     */
    Optional<String> problem() {
        SharedIndexInformer<GenericKubernetesResource> i;
        synchronized (this) {
            i = informer;
        }
        if (i == null) {
            return Optional.empty();
        }
        if (i.isWatching()) {
            notWatchingSince = -1;
            lastError.set(null);
            restarts.reset();
            return Optional.empty();
        }
        long now = System.nanoTime();
        if (notWatchingSince < 0) {
            notWatchingSince = now;
        }
        String error = lastError.get();
        if (error != null) {
            return Optional.of("the ImageBasedUpgrade informer is not watching: " + error);
        }
        Duration down = Duration.ofNanos(now - notWatchingSince);
        return down.compareTo(watchGrace) < 0 ? Optional.empty() : Optional.of("the ImageBasedUpgrade watch has "
                + "been reconnecting for " + down.toSeconds() + "s (is the API server reachable?)");
    }

    /** The current informer (tests). */
    synchronized SharedIndexInformer<GenericKubernetesResource> current() {
        return informer;
    }

    @Override
    public void close() {
        SharedIndexInformer<GenericKubernetesResource> i;
        synchronized (this) {
            closed = true;
            i = informer;
        }
        timer.shutdownNow();
        if (i != null) {
            i.close();
        }
    }

    private Optional<ImageBasedUpgradeResource> read(GenericKubernetesResource raw) {
        Either<IbuDecoding.Unreadable, ImageBasedUpgradeResource> r = IbuDecoding.decode(
                client.getKubernetesSerialization(), raw);
        if (r.isLeft()) {
            report.report(raw, r.getLeft());
            return Optional.empty();
        }
        return Optional.of(r.get());
    }

    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource obj) {
            read(obj).ifPresentOrElse(listener::added, () -> listener.unreadable(obj));
        }

        @Override
        public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
            Optional<ImageBasedUpgradeResource> after = read(newObj);
            if (after.isEmpty()) {
                listener.unreadable(newObj);
                return;
            }
            Optional<ImageBasedUpgradeResource> before = IbuDecoding.decode(client.getKubernetesSerialization(),
                    oldObj).toJavaOptional();
            listener.updated(before, after.get());
        }

        @Override
        public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
            listener.deleted(IbuDecoding.decode(client.getKubernetesSerialization(), obj).toJavaOptional());
        }
    }
}
