package dev.ibu.ports.fleet;

import dev.ibu.domain.Conditions;
import dev.ibu.domain.fleet.ClusterRow;

import java.util.Objects;

/**
 * One spoke's ManifestWork as the hub reads it back: the row the hub wrote on it, the work's
 * {@code metadata.generation}, the generation the work agent last reported on ({@code observedGeneration} of the
 * work's conditions; 0 before the agent's first report), the IBU stage the work asks for, and the spoke IBU's
 * conditions from status feedback.
 */
public record WorkState(String cluster, ClusterRow row, long generation, long observedGeneration,
                        Conditions feedback) {
    public WorkState {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(row, "row");
        feedback = feedback == null ? Conditions.EMPTY : feedback;
    }

    /**
     * The feedback speaks for the work as it is now: the agent has reported on this generation. Feedback from an
     * older generation describes the previous action (or a previous IBGU) and must not count.
     */
    public boolean fresh() {
        return generation > 0 && observedGeneration == generation;
    }

    /** The spoke's conditions, when they can be trusted; none yet otherwise. */
    public Conditions trustedConditions() {
        return fresh() ? feedback : Conditions.EMPTY;
    }
}
