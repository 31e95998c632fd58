package dev.ibu.domain;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * A {@code spec.stage} that goes back in the cycle: Prep after Upgrade or Rollback started, Upgrade after Rollback
 * started. Upstream treats it as "not requested" (the stage already completed or failed) and says nothing, so the
 * edit changes nothing and nobody learns why. We say so on the requested stage's in-progress condition, with the
 * InvalidTransition reason of a rejection (spec §2.5), and change nothing else.
 */
public final class IgnoredRequest {
    private static final List<Stage> ORDER = List.of(Stage.PREP, Stage.UPGRADE, Stage.ROLLBACK);

    private IgnoredRequest() {
    }

    /** None unless {@code spec} is a stage that ran already and a later stage has started since. */
    public static Option<String> message(Conditions c, Stage spec, boolean isAfterPivot) {
        if (spec == Stage.IDLE || spec == Stage.ROLLBACK || ConditionPredicates.transitionRequested(c, spec)
                || !ConditionPredicates.completedOrFailed(c, spec)) {
            return Option.none();
        }
        Option<Stage> later = ORDER.dropUntil(s -> s == spec).tail().find(s -> started(c, s));
        if (later.isEmpty()) {
            return Option.none();
        }
        List<Stage> valid = StageMachine.validNextStages(c, spec, isAfterPivot);
        String fix = valid.isEmpty() ? "no stage can be requested now; wait for " + later.get() + " to finish"
                : "set spec.stage to one of status.validNextStages: " + valid.mkString(", ");
        return Option.some("spec.stage " + spec + " is ignored: " + spec + " already ran in this upgrade cycle and "
                + later.get() + " has started since; " + fix);
    }

    /** The stage has a completed condition, or an in-progress one that is not a rejected request. */
    private static boolean started(Conditions c, Stage s) {
        return c.find(s.completedType()).isDefined() || c.find(s.inProgressType())
                .exists(x -> !Reasons.INVALID_TRANSITION.equals(x.reason()));
    }
}
