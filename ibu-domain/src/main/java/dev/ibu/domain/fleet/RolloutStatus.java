package dev.ibu.domain.fleet;

import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * The hub's record of a rollout: the current step (equal to the plan's size when every step is done), when that
 * step started, the halt if any, and one row per spoke that ever took part, by name.
 */
public record RolloutStatus(int step, Option<Instant> stepStartedAt, Option<Halt> halt,
                            SortedMap<String, ClusterRow> clusters) {

    public RolloutStatus {
        stepStartedAt = stepStartedAt == null ? Option.none() : stepStartedAt;
        halt = halt == null ? Option.none() : halt;
        clusters = clusters == null ? TreeMap.empty() : clusters;
    }

    public static RolloutStatus initial() {
        return new RolloutStatus(0, Option.none(), Option.none(), TreeMap.empty());
    }
}
