package dev.ibu.domain;

import static dev.ibu.domain.ConditionPredicates.completed;
import static dev.ibu.domain.ConditionPredicates.failed;
import static dev.ibu.domain.ConditionPredicates.inProgress;
import static dev.ibu.domain.ConditionPredicates.inProgressStage;

import dev.ibu.domain.Transition.IdleOutcome;
import io.vavr.collection.List;
import io.vavr.control.Option;

/** The transition rules of spec §3: validNextStages and validate. Pure functions. */
public final class StageMachine {
    private StageMachine() {
    }

    /** Spec §3.3: the first matching rule wins; order of the list is significant. */
    public static List<Stage> validNextStages(Conditions c, Stage specStage, boolean isAfterPivot) {
        Option<Stage> running = inProgressStage(c);
        if (running.contains(Stage.IDLE) || running.contains(Stage.ROLLBACK) || failed(c, Stage.ROLLBACK)) {
            return List.empty();
        }
        if (inProgress(c, Stage.PREP) || failed(c, Stage.PREP)) {
            return List.of(Stage.IDLE);
        }
        if (inProgress(c, Stage.UPGRADE) || failed(c, Stage.UPGRADE)) {
            return isAfterPivot ? List.of(Stage.ROLLBACK) : List.of(Stage.IDLE);
        }
        if (completed(c, Stage.ROLLBACK)) {
            return List.of(Stage.IDLE);
        }
        if (completed(c, Stage.UPGRADE)) {
            return List.of(Stage.IDLE, Stage.ROLLBACK);
        }
        if (completed(c, Stage.PREP)) {
            return List.of(Stage.IDLE, Stage.UPGRADE);
        }
        if (completed(c, Stage.IDLE)) {
            return List.of(Stage.PREP);
        }
        Option<Condition> idle = c.find(ConditionTypes.IDLE);
        if (idle.isEmpty()) {
            return List.of(Stage.IDLE);
        }
        if (Reasons.BLOCKED.equals(idle.get().reason())) {
            return List.of(specStage);
        }
        return List.empty();
    }

    /** Spec §3.4: accept (and set the stage's conditions) or reject with InvalidTransition. */
    public static Transition validate(Conditions c, Stage requested, boolean isAfterPivot, Stamp s) {
        if (!validNextStages(c, requested, isAfterPivot).contains(requested)) {
            String msg = invalidMessage(c, requested, isAfterPivot);
            return new Transition.Rejected(requested, Setters.invalidTransition(c, requested, msg, s), msg);
        }
        Conditions cleared = Setters.clearInvalidTransitions(c, s);
        if (requested == Stage.PREP) {
            Conditions r = Setters.idleInProgress(cleared, Reasons.IN_PROGRESS, Messages.IN_PROGRESS, s);
            return accepted(requested, Setters.prepInProgress(r, Messages.IN_PROGRESS, s));
        }
        if (requested == Stage.UPGRADE) {
            return accepted(requested, Setters.upgradeInProgress(cleared, Messages.IN_PROGRESS, s));
        }
        if (requested == Stage.ROLLBACK) {
            Conditions r = Setters.upgradeRollbackRequested(cleared, s);
            return accepted(requested, Setters.rollbackInProgress(r, Messages.IN_PROGRESS, s));
        }
        return acceptIdle(cleared, isAfterPivot, s);
    }

    private static Transition acceptIdle(Conditions c, boolean isAfterPivot, Stamp s) {
        if (completed(c, Stage.UPGRADE) || completed(c, Stage.ROLLBACK)) {
            return new Transition.Accepted(Stage.IDLE,
                    Setters.idleInProgress(c, Reasons.FINALIZING, Messages.FINALIZING, s), IdleOutcome.FINALIZE);
        }
        Option<Condition> idle = c.find(ConditionTypes.IDLE);
        Option<Condition> rollback = c.find(ConditionTypes.ROLLBACK_IN_PROGRESS);
        boolean rollbackAbsentOrInvalid = rollback.isEmpty()
                || Reasons.INVALID_TRANSITION.equals(rollback.get().reason());
        if (idle.exists(Condition::isFalse) && !isAfterPivot && rollbackAbsentOrInvalid) {
            return new Transition.Accepted(Stage.IDLE,
                    Setters.idleInProgress(c, Reasons.ABORTING, Messages.ABORTING, s), IdleOutcome.ABORT);
        }
        if (idle.isEmpty()) {
            return new Transition.Accepted(Stage.IDLE, Setters.reset(c, s), IdleOutcome.RESET);
        }
        return new Transition.Accepted(Stage.IDLE, c, IdleOutcome.NO_OP);
    }

    private static Transition accepted(Stage stage, Conditions c) {
        return new Transition.Accepted(stage, c, IdleOutcome.NOT_IDLE);
    }

    /** Spec §2.6: the invalid-transition message for the requested stage. */
    public static String invalidMessage(Conditions c, Stage requested, boolean isAfterPivot) {
        if (requested == Stage.PREP || requested == Stage.UPGRADE) {
            return Messages.PREVIOUS_STAGE_NOT_SUCCEEDED;
        }
        if (requested == Stage.ROLLBACK) {
            return Messages.UPGRADE_NOT_STARTED;
        }
        if (failed(c, Stage.ROLLBACK)) {
            return Messages.IDLE_ROLLBACK_FAILED;
        }
        if (isAfterPivot) {
            return inProgress(c, Stage.ROLLBACK) ? Messages.IDLE_ROLLBACK_IN_PROGRESS : Messages.IDLE_ROLLBACK_FIRST;
        }
        return Messages.ABORT_OR_FINALIZE_NOT_ALLOWED;
    }
}
