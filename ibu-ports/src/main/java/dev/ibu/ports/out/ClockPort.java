package dev.ibu.ports.out;

import java.time.Clock;
import java.time.Instant;

/** The time, so that the engine never reads the system clock itself. */
public interface ClockPort {
    Instant now();

    /**
     * The system's clock, in UTC: the ONE place in ibu that decides what "the real time" is. Every default (the
     * engine's clock port, the adapters' event and backup timestamps, the agent's work queue, the init monitor) comes
     * from here, so that a test or an embedder that passes its own {@link ClockPort} is the only other source of time
     * (ModuleBoundariesArchTest refuses any other read of the system clock).
     */
    static Clock systemClock() {
        return Clock.systemUTC();
    }

    /** {@link #systemClock()} as a port. */
    static ClockPort system() {
        return systemClock()::instant;
    }
}
