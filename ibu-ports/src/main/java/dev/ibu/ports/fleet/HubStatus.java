package dev.ibu.ports.fleet;

import dev.ibu.domain.fleet.RolloutStatus;
import dev.ibu.domain.fleet.Summary;

import java.util.Objects;

/**
 * What the hub writes to {@code status} of an IBGU: the rollout record (step, step start, halt) with a bounded view of
 * the rows in {@code rollout.clusters()} (at most {@link StatusView#MAX_ROWS}, failures first), the current step's
 * counts, and how many rows the view left out (their full record is on each spoke's ManifestWork).
 */
public record HubStatus(RolloutStatus rollout, Summary summary, int clustersOmitted) {
    public HubStatus {
        Objects.requireNonNull(rollout, "rollout");
        Objects.requireNonNull(summary, "summary");
        if (clustersOmitted < 0) {
            throw new IllegalArgumentException("clustersOmitted must not be negative");
        }
    }
}
