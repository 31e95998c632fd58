package dev.ibu.ports.out;

import java.time.Instant;

/** The time, so that the engine never reads the system clock itself. */
public interface ClockPort {
    Instant now();
}
