package dev.ibu.agent.controller;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import dev.ibu.adapters.k8s.resource.IbuMapper;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.in.ReconcileUpgradeUseCase;
import dev.ibu.ports.out.ClockPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The controller for the singleton {@code ImageBasedUpgrade upgrade}: an informer on it feeds a de-duplicating
 * queue (only the changes of {@link ReconcileTriggers}); one worker ({@link ControllerLoop}) reconciles; a periodic
 * resync queues it regardless. Start-up runs the engine's {@code initialize()} (create the CR, or restore the one
 * saved across a pivot) before anything else. {@link #close} stops the informer, lets the running reconcile finish,
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
    private SharedIndexInformer<ImageBasedUpgradeResource> informer;
    private Thread startup;
    private boolean closed;

    /** Controller timings: resync period, backoff base and cap, and how long shutdown waits for a reconcile. */
    public record Settings(Duration resync, Duration backoffBase, Duration backoffCap, Duration shutdownGrace) {
        public static final Settings DEFAULT = new Settings(Duration.ofMinutes(10), Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofSeconds(30));
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
            informer = client.resources(ImageBasedUpgradeResource.class).withName(KEY).inform(new Handler(), 0);
            worker.start();
            queue.add(KEY);
            long every = settings.resync().toMillis();
            timer.scheduleAtFixedRate(() -> queue.add(KEY), every, every, TimeUnit.MILLISECONDS);
        }
        LOG.info("controller started: watching ImageBasedUpgrade {}, resync every {}s", KEY,
                settings.resync().toSeconds());
    }

    /** Queues a reconcile now (used by tests and leader hand-over). */
    public void enqueue() {
        queue.add(KEY);
    }

    @Override
    public void close() {
        LOG.info("controller stopping");
        synchronized (this) {
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

    private final class Handler implements ResourceEventHandler<ImageBasedUpgradeResource> {
        @Override
        public void onAdd(ImageBasedUpgradeResource obj) {
            queue.add(KEY);
        }

        @Override
        public void onUpdate(ImageBasedUpgradeResource oldObj, ImageBasedUpgradeResource newObj) {
            if (ReconcileTriggers.onUpdate(oldObj, newObj)) {
                queue.add(KEY);
            }
        }

        @Override
        public void onDelete(ImageBasedUpgradeResource obj, boolean deletedFinalStateUnknown) {
            // mid-upgrade the engine saves and restores it (undeletable, as upstream); otherwise a fresh Idle one
            deletions.deleted(IbuMapper.toDomain(obj));
            queue.add(KEY);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
