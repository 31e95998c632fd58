package dev.ibu.domain.fleet;

import io.vavr.collection.List;

import java.util.Objects;

/** One {@code spec.plan[]} step: the actions each spoke runs in order, and how the step rolls out. */
public record PlanItem(List<Action> actions, RolloutStrategy rolloutStrategy) {

    public PlanItem {
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(rolloutStrategy, "rolloutStrategy");
    }

    public static PlanItem of(RolloutStrategy s, Action... actions) {
        return new PlanItem(List.of(actions), s);
    }

    public Action first() {
        return actions.head();
    }

    /** The step's name in messages, e.g. {@code plan[1] (Prep, Upgrade)}. */
    public String describe(int index) {
        return "plan[" + index + "] (" + actions.mkString(", ") + ")";
    }
}
