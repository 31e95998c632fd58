package dev.ibu.kubectl;

import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * One line of the timeline: a stage (depth 0) or a phase, or the reboot between PrePivot and PostPivot (depth 1).
 * {@code running} rows have no end yet: their duration is measured up to now.
 */
record TimelineRow(String name, int depth, Option<Instant> start, Option<Instant> end, boolean running) {
    static final String REBOOT = "Reboot";

    Option<Duration> duration(Instant now) {
        if (start.isEmpty()) {
            return Option.none();
        }
        Instant until = end.getOrElse(running ? now : null);
        return until == null ? Option.none() : Option.some(Duration.between(start.get(), until));
    }
}
