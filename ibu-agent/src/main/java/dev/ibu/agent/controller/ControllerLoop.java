package dev.ibu.agent.controller;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.in.ReconcileUpgradeUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one worker: takes a key from the {@link WorkQueue}, reconciles it with a fresh reconcile id in the MDC, and
 * queues it again after the engine's {@code requeueAfter}, or after an exponential backoff when it returned an
 * error. A deletion seen by the informer is handed to the engine's {@code deleted} first (stage-machine.md §4.8).
 * A reconcile that throws is a bug: it is logged and retried with backoff, and the worker keeps going.
 */
public final class ControllerLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerLoop.class);
    public static final String MDC_KEY = "reconcile";

    private final WorkQueue queue;
    private final ReconcileUpgradeUseCase engine;
    private final Backoff backoff;
    private final Consumer<ReconcileResult> observer;
    private final AtomicLong counter = new AtomicLong();
    private final Deletions deletions;

    /** The last state of a deleted IBU, handed from the informer to the worker (which alone calls the engine). */
    public static final class Deletions {
        private final java.util.concurrent.atomic.AtomicReference<ImageBasedUpgrade> last =
                new java.util.concurrent.atomic.AtomicReference<>();

        public void deleted(ImageBasedUpgrade lastSeen) {
            last.set(lastSeen);
        }

        Optional<ImageBasedUpgrade> take() {
            return Optional.ofNullable(last.getAndSet(null));
        }
    }

    public ControllerLoop(WorkQueue queue, ReconcileUpgradeUseCase engine, Backoff backoff,
            Consumer<ReconcileResult> observer, Deletions deletions) {
        this.deletions = deletions;
        this.queue = queue;
        this.engine = engine;
        this.backoff = backoff;
        this.observer = observer;
    }

    @Override
    public void run() {
        try {
            Optional<String> key;
            while ((key = queue.take()).isPresent()) {
                try {
                    process(key.get());
                } finally {
                    queue.done(key.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("controller worker stopped");
    }

    private void process(String name) {
        String id = String.format("%s-%d", name, counter.incrementAndGet());
        MDC.put(MDC_KEY, id);
        // the keys controller-runtime logs with each reconcile (JSON logs: ZapJsonEncoder)
        MDC.put("controller", "imagebasedupgrade");
        MDC.put("controllerGroup", "lca.openshift.io");
        MDC.put("controllerKind", "ImageBasedUpgrade");
        MDC.put("name", name);
        try {
            Optional<ImageBasedUpgrade> deleted = deletions.take();
            ReconcileResult r = deleted.isPresent() ? engine.deleted(deleted.get())
                    : engine.reconcile(new ReconcileCommand(name, id));
            if (deleted.isPresent()) {
                LOG.info("the ImageBasedUpgrade was deleted: {}", r.summary());
                queue.add(name);  // then reconcile what is there now
            }
            if (r.error().isDefined()) {
                Duration wait = backoff.next();
                LOG.warn("reconcile failed: {}; retrying in {}s", r.error().get().message(), wait.toSeconds());
                queue.retry(name, wait);
            } else {
                backoff.reset();
                r.requeueAfter().forEach(d -> queue.addAfter(name, d));
                LOG.info("reconciled: {}{}", r.summary(), r.requeueAfter().map(d -> "; again in " + d.toSeconds()
                        + "s").getOrElse(""));
            }
            observer.accept(r);
        } catch (RuntimeException e) {
            Duration wait = backoff.next();
            LOG.error("reconcile threw (a bug): {}; retrying in {}s", e.toString(), wait.toSeconds(), e);
            queue.retry(name, wait);
        } finally {
            MDC.remove(MDC_KEY);
            MDC.remove("controller");
            MDC.remove("controllerGroup");
            MDC.remove("controllerKind");
            MDC.remove("name");
        }
    }
}
