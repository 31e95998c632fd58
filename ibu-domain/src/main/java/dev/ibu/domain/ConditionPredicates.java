package dev.ibu.domain;

import io.vavr.collection.List;
import io.vavr.control.Option;

/** The predicates on conditions (spec §2.3), exactly as upstream evaluates them. */
public final class ConditionPredicates {
    private static final List<String> IDLE_IN_PROGRESS_REASONS =
            List.of(Reasons.ABORTING, Reasons.ABORT_FAILED, Reasons.FINALIZING, Reasons.FINALIZE_FAILED);

    private ConditionPredicates() {
    }

    public static boolean completed(Conditions c, Stage stage) {
        return c.find(stage.completedType()).exists(Condition::isTrue);
    }

    public static boolean failed(Conditions c, Stage stage) {
        return c.find(stage.completedType()).exists(Condition::isFalse);
    }

    public static boolean completedOrFailed(Conditions c, Stage stage) {
        return c.find(stage.completedType()).isDefined();
    }

    public static boolean inProgress(Conditions c, Stage stage) {
        if (stage == Stage.IDLE) {
            return c.find(ConditionTypes.IDLE)
                    .exists(x -> !x.isTrue() && IDLE_IN_PROGRESS_REASONS.contains(x.reason()));
        }
        return c.find(stage.inProgressType()).exists(Condition::isTrue);
    }

    /** The first of Idle, Prep, Upgrade, Rollback that is in progress. */
    public static Option<Stage> inProgressStage(Conditions c) {
        return List.of(Stage.values()).find(s -> inProgress(c, s));
    }

    /** Spec §3.2: a failed stage is never "requested"; Idle is requested unless completed or in progress. */
    public static boolean transitionRequested(Conditions c, Stage requested) {
        if (requested == Stage.IDLE) {
            return !completed(c, Stage.IDLE) && !inProgress(c, Stage.IDLE);
        }
        return !completedOrFailed(c, requested) && !inProgress(c, requested);
    }

    public static boolean idleReason(Conditions c, String reason) {
        return c.find(ConditionTypes.IDLE).exists(x -> x.reason().equals(reason));
    }
}
