package dev.ibu.agent.local.sim;

import dev.ibu.ports.out.ClockPort;

import java.time.Duration;
import java.time.Instant;

/** Simulated time: moves only when the rehearsal advances it (by the engine's requeue intervals). */
public final class SimClock implements ClockPort {
    private Instant now;

    public SimClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    public synchronized void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + d);
        }
        now = now.plus(d);
    }
}
