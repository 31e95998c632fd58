package dev.ibu.agent.hub;

import dev.ibu.agent.controller.Backoff;
import dev.ibu.agent.controller.WorkQueue;
import dev.ibu.ports.fleet.HubPass;
import dev.ibu.ports.fleet.IbguRef;
import dev.ibu.ports.out.PortFailure;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One worker over the queue: a key ({@code namespace/name}) is reconciled once at a time; a Conflict is read again at
 * once, other failures back off per IBGU (1 s doubling to 5 min), a pass that wants to look again later is queued
 * for its wake time, and every IBGU comes back at least every {@code resync}.
 */
final class HubLoop {
    private static final Logger LOG = LoggerFactory.getLogger(HubLoop.class);

    private final Function<IbguRef, Either<PortFailure, HubPass>> reconcile;
    private final WorkQueue queue;
    private final Clock clock;
    private final Duration resync;
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
    private final Observer observer;

    /** Hears every pass (metrics). */
    interface Observer {
        Observer NONE = (ref, pass) -> { };

        void passed(IbguRef ref, Either<PortFailure, HubPass> pass);
    }

    HubLoop(Function<IbguRef, Either<PortFailure, HubPass>> reconcile, WorkQueue queue, Clock clock,
            Duration resync) {
        this(reconcile, queue, clock, resync, Observer.NONE);
    }

    HubLoop(Function<IbguRef, Either<PortFailure, HubPass>> reconcile, WorkQueue queue, Clock clock,
            Duration resync, Observer observer) {
        this.reconcile = reconcile;
        this.queue = queue;
        this.clock = clock;
        this.resync = resync;
        this.observer = observer;
    }

    static String key(IbguRef ref) {
        return ref.namespace() + "/" + ref.name();
    }

    static IbguRef ref(String key) {
        int slash = key.indexOf('/');
        return new IbguRef(key.substring(0, slash), key.substring(slash + 1));
    }

    /** Takes and processes keys until the queue shuts down. */
    void run() throws InterruptedException {
        Optional<String> key;
        while ((key = queue.take()).isPresent()) {
            try {
                process(key.get());
            } finally {
                queue.done(key.get());
            }
        }
    }

    /** One key: reconcile, then say when to come back. */
    void process(String key) {
        MDC.put("reconcileID", UUID.randomUUID().toString());
        try {
            Either<PortFailure, HubPass> pass = reconcile.apply(ref(key));
            observer.passed(ref(key), pass);
            if (pass.isLeft()) {
                PortFailure f = pass.getLeft();
                if (f instanceof PortFailure.Conflict) {
                    LOG.debug("{}: {}; reading again", key, f.message());
                    queue.add(key);
                    return;
                }
                Duration after = backoffs.computeIfAbsent(key, k -> new Backoff(Duration.ofSeconds(1),
                        Duration.ofMinutes(5))).next();
                LOG.warn("{}: {} (again in {})", key, f.message(), after);
                queue.retry(key, after);
                return;
            }
            backoffs.remove(key);
            Duration next = resync;
            for (Instant wake : pass.get().wakeAt()) {
                Duration until = Duration.between(clock.instant(), wake);
                next = until.isNegative() ? Duration.ZERO : until.compareTo(resync) < 0 ? until : resync;
            }
            if (pass.get().decision().isDefined()) {
                queue.addAfter(key, next);
            } else {
                LOG.info("{}: deleted; nothing to do", key);
            }
        } finally {
            MDC.remove("reconcileID");
        }
    }
}
