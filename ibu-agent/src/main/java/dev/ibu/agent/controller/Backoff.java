package dev.ibu.agent.controller;

import java.time.Duration;

/** Exponential backoff for reconciles that return an error: base, doubled per failure, capped; reset on success. */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private int failures;

    public Backoff(Duration base, Duration cap) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got " + base + " and " + cap);
        }
        this.base = base;
        this.cap = cap;
    }

    /** The delay before the next attempt after one more failure. */
    public synchronized Duration next() {
        int shift = Math.min(failures, 30);
        failures++;
        Duration d = base.multipliedBy(1L << Math.min(shift, 20));
        return d.compareTo(cap) > 0 ? cap : d;
    }

    public synchronized void reset() {
        failures = 0;
    }

    public synchronized int failures() {
        return failures;
    }
}
