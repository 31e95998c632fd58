package dev.ibu.domain;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Objects;

/** {@code status.history[]}: one entry per stage of the current cycle. */
public record StageHistory(String stage, Option<Instant> startTime, Option<Instant> completionTime,
                           List<PhaseHistory> phases) {
    public StageHistory {
        Objects.requireNonNull(stage, "stage");
        startTime = startTime == null ? Option.none() : startTime;
        completionTime = completionTime == null ? Option.none() : completionTime;
        phases = phases == null ? List.empty() : phases;
    }
}
