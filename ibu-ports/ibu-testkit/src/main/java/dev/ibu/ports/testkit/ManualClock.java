package dev.ibu.ports.testkit;

import dev.ibu.ports.out.ClockPort;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A clock that moves only when the test says so. */
public final class ManualClock implements ClockPort {
    /** Where a default clock starts: a fixed instant, so that test output is stable. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private Instant now;

    public ManualClock() {
        this(DEFAULT_START);
    }

    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start);
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    /** Moves the clock forward; a negative duration is a bug in the test. */
    public synchronized Instant advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward; use set() to go back: " + d);
        }
        now = now.plus(d);
        return now;
    }

    public synchronized void set(Instant instant) {
        now = Objects.requireNonNull(instant);
    }
}
