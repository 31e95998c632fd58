package dev.ibu.agent.observability;

import dev.ibu.domain.ConditionPredicates;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Stage;
import io.vavr.collection.List;

/**
 * The stage an IBU is in as its status shows it (not spec.stage, which is only a request): the stage in progress,
 * else the latest of Rollback, Upgrade, Prep that completed or failed, else Idle.
 */
public final class StageView {
    private static final List<Stage> LATEST_FIRST = List.of(Stage.ROLLBACK, Stage.UPGRADE, Stage.PREP);

    private StageView() {
    }

    public static Stage current(ImageBasedUpgrade ibu) {
        Conditions c = ibu.status().conditions();
        return ConditionPredicates.inProgressStage(c)
                .orElse(() -> LATEST_FIRST.find(s -> ConditionPredicates.completedOrFailed(c, s)))
                .getOrElse(Stage.IDLE);
    }
}
