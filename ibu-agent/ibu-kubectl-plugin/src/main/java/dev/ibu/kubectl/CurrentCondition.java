package dev.ibu.kubectl;

import dev.ibu.domain.Condition;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.Stage;
import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * The condition that says where spec.stage stands: its in-progress condition while True, else its completed
 * condition, else (Idle, or a stage not reached yet) the Idle condition, else the most recent one.
 */
final class CurrentCondition {
    private CurrentCondition() {
    }

    static Option<Condition> of(Stage specStage, Conditions conditions) {
        Option<Condition> inProgress = conditions.find(specStage.inProgressType());
        if (inProgress.exists(Condition::isTrue)) {
            return inProgress;
        }
        Option<Condition> completed = conditions.find(specStage.completedType());
        if (completed.isDefined()) {
            return completed;
        }
        if (inProgress.isDefined()) {
            return inProgress;
        }
        Option<Condition> idle = conditions.find(ConditionTypes.IDLE);
        if (idle.isDefined()) {
            return idle;
        }
        return List.ofAll(conditions.items()).maxBy(Condition::lastTransitionTime);
    }
}
