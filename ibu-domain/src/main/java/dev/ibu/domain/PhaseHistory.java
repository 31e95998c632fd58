package dev.ibu.domain;

import io.vavr.control.Option;

import java.util.Objects;
import java.time.Instant;

/** {@code status.history[].phases[]}. */
public record PhaseHistory(String phase, Option<Instant> startTime, Option<Instant> completionTime) {
    public PhaseHistory {
        Objects.requireNonNull(phase, "phase");
        startTime = startTime == null ? Option.none() : startTime;
        completionTime = completionTime == null ? Option.none() : completionTime;
    }
}
