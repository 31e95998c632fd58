package dev.ibu.agent.controller;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import dev.ibu.adapters.k8s.resource.ResourceCodec;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.in.ReconcileUpgradeUseCase;
import dev.ibu.ports.out.ClockPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The controller for the singleton {@code ImageBasedUpgrade upgrade}: an informer on it feeds a de-duplicating
 * queue (only the changes of {@link ReconcileTriggers}); the informer survives unreadable objects and API outages
 * ({@link IbuInformer}) and {@link #problem} reports its health; one worker ({@link ControllerLoop}) reconciles;
 * a periodic resync queues it regardless. Start-up runs the engine's {@code initialize()} (create the CR, or
 * restore the one saved across a pivot) before anything else. {@link #close} stops the informer, lets the running reconcile finish,
 * and stops the worker.
 */
public final class Controller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
    static final String KEY = ImageBasedUpgradeResource.NAME;

    private final KubernetesClient client;
    private final ReconcileUpgradeUseCase engine;
    private final Settings settings;
    private final WorkQueue queue = new WorkQueue(ClockPort.systemClock());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
            "ibu-resync"));
    private final Thread worker;
    private final ControllerLoop.Deletions deletions = new ControllerLoop.Deletions();
    private IbuInformer informer;
    private Thread startup;
    private boolean closed;

    /**
     * Controller timings: resync period, the requeue backoff after a failed reconcile (base, doubled per failure,
     * capped; reset by a success) and how long shutdown waits for a reconcile. The default backoff, 1 s to 5 min,
     * comes on top of each API call's own retries ({@link ApiRetryPolicy}): after an API outage the agent is back
     * within 5 minutes of the server, without hammering it meanwhile (controller-runtime: 5 ms to 1000 s).
     */
    public record Settings(Duration resync, Duration backoffBase, Duration backoffCap, Duration shutdownGrace,
            Duration watchGrace) {
        public static final Settings DEFAULT = new Settings(Duration.ofMinutes(10), Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofSeconds(30));

        /** With the default watch grace: 10 s of reconnecting before {@link #problem} reports the watch. */
        public Settings(Duration resync, Duration backoffBase, Duration backoffCap, Duration shutdownGrace) {
            this(resync, backoffBase, backoffCap, shutdownGrace, Duration.ofSeconds(10));
        }
    }

    public Controller(KubernetesClient client, ReconcileUpgradeUseCase engine, Settings settings,
            Consumer<ReconcileResult> observer) {
        this.client = client;
        this.engine = engine;
        this.settings = settings;
        this.worker = new Thread(new ControllerLoop(queue, engine, new Backoff(settings.backoffBase(),
                settings.backoffCap()), observer, deletions), "ibu-reconcile");
    }

    /**
     * Starts in the background: initializes the CR (retrying with backoff until it works or the controller is
     * closed), then starts the informer, the worker and the resync timer.
     */
    public synchronized void start() {
        if (startup != null) {
            throw new IllegalStateException("the controller was already started");
        }
        startup = new Thread(this::initializeThenRun, "ibu-startup");
        startup.start();
    }

    private void initializeThenRun() {
        Backoff backoff = new Backoff(settings.backoffBase(), settings.backoffCap());
        MDC.put(ControllerLoop.MDC_KEY, "init");
        try {
            ReconcileResult init;
            while ((init = engine.initialize()).error().isDefined()) {
                Duration wait = backoff.next();
                // a missing CRD reads as "not found" from the API server: say how to install it
                String hint = init.error().get().kind() == dev.ibu.ports.in.ReconcileError.Kind.NOT_FOUND
                        ? " (is the CRD installed? 'ibu-agent crd | kubectl apply -f -')" : "";
                LOG.warn("start-up: cannot initialize the ImageBasedUpgrade: {}{}; retrying in {}s",
                        init.error().get().message(), hint, wait.toSeconds());
                Thread.sleep(wait.toMillis());
            }
            LOG.info("start-up: {}", init.summary());
        } catch (InterruptedException e) {
            LOG.info("start-up interrupted: the controller is stopping");
            return;
        } finally {
            MDC.remove(ControllerLoop.MDC_KEY);
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            informer = new IbuInformer(client, new Handler(), new Backoff(settings.backoffBase(),
                    settings.backoffCap()), settings.watchGrace());
            informer.start();
            worker.start();
            queue.add(KEY);
            long every = settings.resync().toMillis();
            timer.scheduleAtFixedRate(() -> queue.add(KEY), every, every, TimeUnit.MILLISECONDS);
        }
        LOG.info("controller started: watching ImageBasedUpgrade {}, resync every {}s", KEY,
                settings.resync().toSeconds());
    }

    /**
     * Empty while the controller is healthy (or not started); else what is wrong, for {@code /readyz}: the informer
     * cannot list or watch the ImageBasedUpgrade.
     */
    public synchronized Optional<String> problem() {
        return informer == null ? Optional.empty() : informer.problem();
    }

    /** The informer (tests). */
    synchronized IbuInformer informer() {
        return informer;
    }

    /** Reports the work queue's adds, retries and durations to {@code listener} (metrics); call before start. */
    public void instrument(WorkQueue.Listener listener) {
        queue.listen(listener);
    }

    /** The work queue's depth and work in progress, at scrape time. */
    public WorkQueue.Stats queueStats() {
        return queue.stats();
    }

    /** Queues a reconcile now (used by tests and leader hand-over). */
    public void enqueue() {
        queue.add(KEY);
    }

    /** Stops the controller; calling it again does nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            LOG.info("controller stopping");
            closed = true;
            if (startup != null) {
                startup.interrupt();
            }
            timer.shutdownNow();
            if (informer != null) {
                informer.close();
            }
            queue.shutDown();
        }
        try {
            if (worker.isAlive()) {
                worker.join(settings.shutdownGrace().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            LOG.warn("a reconcile was still running after {}s; leaving it", settings.shutdownGrace().toSeconds());
        }
    }

    private final class Handler implements IbuInformer.Listener {
        @Override
        public void added(ImageBasedUpgradeResource ibu) {
            queue.add(KEY);
        }

        @Override
        public void updated(Optional<ImageBasedUpgradeResource> before, ImageBasedUpgradeResource after) {
            // readable again after an unreadable version: reconcile whatever changed meanwhile
            if (before.isEmpty() || ReconcileTriggers.onUpdate(before.get(), after)) {
                queue.add(KEY);
            }
        }

        @Override
        public void deleted(Optional<ImageBasedUpgradeResource> last) {
            // mid-upgrade the engine saves and restores it (undeletable, as upstream); otherwise a fresh Idle one
            try {
                last.ifPresent(ibu -> deletions.deleted(ResourceCodec.toDomain(ibu)));
            } catch (RuntimeException e) {
                LOG.warn("the deleted ImageBasedUpgrade does not map to the model ({}): handled as a plain delete",
                        e.getMessage());
            }
            queue.add(KEY);
        }

        @Override
        public void unreadable(GenericKubernetesResource raw) {
            // nothing to reconcile until it is fixed: the next readable update queues it (the resync still runs)
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
