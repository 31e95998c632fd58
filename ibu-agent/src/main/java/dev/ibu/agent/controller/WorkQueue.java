package dev.ibu.agent.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A de-duplicating work queue with delayed adds, as client-go's: a key is queued at most once; a key added while a
 * worker processes it is queued again when the worker calls {@link #done}, never handed to two workers at once;
 * a delayed add keeps the earliest due time. {@link #shutDown} wakes every waiting worker.
 */
public final class WorkQueue {
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<String> ready = new LinkedHashSet<>();
    private final Set<String> processing = new LinkedHashSet<>();
    private final Set<String> dirtyWhileProcessing = new LinkedHashSet<>();
    private final Map<String, Instant> delayed = new HashMap<>();
    private boolean shutDown;

    public WorkQueue(Clock clock) {
        this.clock = clock;
    }

    public void add(String key) {
        lock.lock();
        try {
            if (shutDown) {
                return;
            }
            delayed.remove(key);
            if (processing.contains(key)) {
                dirtyWhileProcessing.add(key);
            } else {
                ready.add(key);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code key} once {@code after} has passed (zero or negative: now); the earliest due time wins. */
    public void addAfter(String key, Duration after) {
        if (after.isZero() || after.isNegative()) {
            add(key);
            return;
        }
        lock.lock();
        try {
            if (shutDown) {
                return;
            }
            Instant due = clock.instant().plus(after);
            delayed.merge(key, due, (a, b) -> a.isBefore(b) ? a : b);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next key to process, waiting for one; empty once the queue is shut down. */
    public Optional<String> take() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (shutDown) {
                    return Optional.empty();
                }
                promoteDue();
                if (!ready.isEmpty()) {
                    String key = ready.iterator().next();
                    ready.remove(key);
                    processing.add(key);
                    return Optional.of(key);
                }
                Optional<Instant> next = delayed.values().stream().min(Instant::compareTo);
                if (next.isEmpty()) {
                    changed.await();
                } else {
                    // wake at least every second: the clock may be a test's, moved without signalling
                    long waitMs = Math.min(1000, Math.max(1, Duration.between(clock.instant(), next.get()).toMillis()));
                    changed.await(waitMs, TimeUnit.MILLISECONDS);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The worker finished {@code key}; if it was added meanwhile, it is queued again. */
    public void done(String key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirtyWhileProcessing.remove(key) && !shutDown) {
                ready.add(key);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    public void shutDown() {
        lock.lock();
        try {
            shutDown = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Keys waiting (ready or delayed), for tests and metrics. */
    public int size() {
        lock.lock();
        try {
            Set<String> all = new LinkedHashSet<>(ready);
            all.addAll(delayed.keySet());
            all.addAll(dirtyWhileProcessing);
            return all.size();
        } finally {
            lock.unlock();
        }
    }

    private void promoteDue() {
        Instant now = clock.instant();
        delayed.entrySet().removeIf(e -> {
            if (e.getValue().isAfter(now)) {
                return false;
            }
            if (processing.contains(e.getKey())) {
                dirtyWhileProcessing.add(e.getKey());
            } else {
                ready.add(e.getKey());
            }
            return true;
        });
    }
}
