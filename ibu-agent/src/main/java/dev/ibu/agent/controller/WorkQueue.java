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
 * a delayed add keeps the earliest due time. {@link #shutDown} wakes every waiting worker. It reports to a
 * {@link Listener} what client-go's queue reports to its metrics provider (adds, retries, queue and work durations)
 * and answers {@link #stats} (depth, unfinished work) at scrape time.
 */
public final class WorkQueue {
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<String> ready = new LinkedHashSet<>();
    private final Set<String> processing = new LinkedHashSet<>();
    private final Set<String> dirtyWhileProcessing = new LinkedHashSet<>();
    private final Map<String, Instant> delayed = new HashMap<>();
    /** When each dirty key was added (queue latency), and when each key in processing was taken (work duration). */
    private final Map<String, Instant> addedAt = new HashMap<>();
    private final Map<String, Instant> takenAt = new HashMap<>();
    private volatile Listener listener = Listener.NONE;
    private boolean shutDown;

    /** What the queue reports as it goes (client-go's workqueue metrics). Called under the queue's lock: be quick. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** A key became dirty: added, or due after a delay (workqueue_adds_total). */
        default void added() {
        }

        /** A key was handed to a worker after waiting {@code waited} (workqueue_queue_duration_seconds). */
        default void taken(Duration waited) {
        }

        /** A worker finished a key after {@code worked} (workqueue_work_duration_seconds). */
        default void done(Duration worked) {
        }

        /** A key was queued again after a failure (workqueue_retries_total). */
        default void retried() {
        }
    }

    /**
     * The queue now: keys ready for a worker (client-go's depth: not the delayed ones, not those being processed),
     * the seconds of work in progress and of the longest one.
     */
    public record Stats(int depth, double unfinishedSeconds, double longestRunningSeconds) {
    }

    public WorkQueue(Clock clock) {
        this.clock = clock;
    }

    public void listen(Listener l) {
        this.listener = java.util.Objects.requireNonNull(l);
    }

    /** Queues {@code key} again after {@code after} because processing it failed (counts a retry). */
    public void retry(String key, Duration after) {
        listener.retried();
        addAfter(key, after);
    }

    public void add(String key) {
        lock.lock();
        try {
            if (shutDown) {
                return;
            }
            delayed.remove(key);
            markDirty(key);
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
                    Instant now = clock.instant();
                    Instant added = addedAt.remove(key);
                    listener.taken(added == null ? Duration.ZERO : Duration.between(added, now));
                    takenAt.put(key, now);
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
            Instant taken = takenAt.remove(key);
            if (taken != null) {
                listener.done(Duration.between(taken, clock.instant()));
            }
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

    /** Stats for metrics, at scrape time. */
    public Stats stats() {
        lock.lock();
        try {
            Instant now = clock.instant();
            double unfinished = 0;
            double longest = 0;
            for (Instant t : takenAt.values()) {
                double s = Math.max(0, Duration.between(t, now).toNanos() / 1e9);
                unfinished += s;
                longest = Math.max(longest, s);
            }
            return new Stats(ready.size(), unfinished, longest);
        } finally {
            lock.unlock();
        }
    }

    private void markDirty(String key) {
        if (ready.contains(key) || dirtyWhileProcessing.contains(key)) {
            return;  // already waiting: client-go counts no add
        }
        listener.added();
        addedAt.putIfAbsent(key, clock.instant());
        if (processing.contains(key)) {
            dirtyWhileProcessing.add(key);
        } else {
            ready.add(key);
        }
    }

    private void promoteDue() {
        Instant now = clock.instant();
        java.util.List<String> due = new java.util.ArrayList<>();
        delayed.entrySet().removeIf(e -> {
            if (e.getValue().isAfter(now)) {
                return false;
            }
            due.add(e.getKey());
            return true;
        });
        due.forEach(this::markDirty);
    }
}
