package dev.ibu.domain;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Objects;

/** {@code status} of the ImageBasedUpgrade. */
public record Status(
        long observedGeneration,
        Conditions conditions,
        List<Stage> validNextStages,
        Option<Instant> rollbackAvailabilityExpiration,
        List<StageHistory> history) {

    public static final Status EMPTY = new Status(0, Conditions.EMPTY, List.empty(), Option.none(), List.empty());

    public Status {
        conditions = conditions == null ? Conditions.EMPTY : conditions;
        validNextStages = validNextStages == null ? List.empty() : validNextStages;
        rollbackAvailabilityExpiration = rollbackAvailabilityExpiration == null ? Option.none()
                : rollbackAvailabilityExpiration;
        history = history == null ? List.empty() : history;
        Objects.requireNonNull(conditions);
    }

    public Status withConditions(Conditions c) {
        return new Status(observedGeneration, c, validNextStages, rollbackAvailabilityExpiration, history);
    }

    public Status withValidNextStages(List<Stage> v) {
        return new Status(observedGeneration, conditions, v, rollbackAvailabilityExpiration, history);
    }

    public Status withObservedGeneration(long g) {
        return new Status(g, conditions, validNextStages, rollbackAvailabilityExpiration, history);
    }

    public Status withRollbackAvailabilityExpiration(Option<Instant> e) {
        return new Status(observedGeneration, conditions, validNextStages, e, history);
    }

    public Status withHistory(List<StageHistory> h) {
        return new Status(observedGeneration, conditions, validNextStages, rollbackAvailabilityExpiration, h);
    }
}
