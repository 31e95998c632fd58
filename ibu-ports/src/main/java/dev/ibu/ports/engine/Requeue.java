package dev.ibu.ports.engine;

import java.time.Duration;

/** Requeue intervals (stage-machine.md §4.7). */
final class Requeue {
    static final Duration IMMEDIATE = Duration.ofSeconds(2);
    static final Duration SHORT = Duration.ofSeconds(30);
    static final Duration MEDIUM = Duration.ofSeconds(60);
    static final Duration LONG = Duration.ofMinutes(5);
    static final Duration HEALTH = Duration.ofSeconds(20);

    private Requeue() {
    }
}
