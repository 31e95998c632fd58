package dev.ibu.domain;

import static dev.ibu.domain.ConditionStatus.FALSE;
import static dev.ibu.domain.ConditionStatus.TRUE;
import static dev.ibu.domain.ConditionTypes.IDLE;
import static dev.ibu.domain.ConditionTypes.PREP_COMPLETED;
import static dev.ibu.domain.ConditionTypes.PREP_IN_PROGRESS;
import static dev.ibu.domain.ConditionTypes.ROLLBACK_COMPLETED;
import static dev.ibu.domain.ConditionTypes.ROLLBACK_IN_PROGRESS;
import static dev.ibu.domain.ConditionTypes.UPGRADE_COMPLETED;
import static dev.ibu.domain.ConditionTypes.UPGRADE_IN_PROGRESS;

import io.vavr.collection.List;

/** The compound condition setters (spec §2.5); the order of writes matters because of the ordering rule. */
public final class Setters {
    private static final List<String> STAGE_IN_PROGRESS_TYPES =
            List.of(PREP_IN_PROGRESS, UPGRADE_IN_PROGRESS, ROLLBACK_IN_PROGRESS);

    private Setters() {
    }

    public static Conditions prepInProgress(Conditions c, String msg, Stamp s) {
        return set(c, PREP_IN_PROGRESS, TRUE, Reasons.IN_PROGRESS, msg, s);
    }

    public static Conditions prepFailed(Conditions c, String msg, Stamp s) {
        return set(set(c, PREP_COMPLETED, FALSE, Reasons.FAILED, Messages.PREP_FAILED, s),
                PREP_IN_PROGRESS, FALSE, Reasons.FAILED, msg, s);
    }

    public static Conditions prepCompleted(Conditions c, String msg, Stamp s) {
        return set(set(c, PREP_IN_PROGRESS, FALSE, Reasons.COMPLETED, Messages.PREP_COMPLETED, s),
                PREP_COMPLETED, TRUE, Reasons.COMPLETED, msg, s);
    }

    public static Conditions upgradeInProgress(Conditions c, String msg, Stamp s) {
        return set(c, UPGRADE_IN_PROGRESS, TRUE, Reasons.IN_PROGRESS, msg, s);
    }

    public static Conditions upgradeFailed(Conditions c, String msg, Stamp s) {
        return set(set(c, UPGRADE_COMPLETED, FALSE, Reasons.FAILED, Messages.UPGRADE_FAILED, s),
                UPGRADE_IN_PROGRESS, FALSE, Reasons.FAILED, msg, s);
    }

    public static Conditions upgradeCompleted(Conditions c, Stamp s) {
        return set(set(c, UPGRADE_IN_PROGRESS, FALSE, Reasons.COMPLETED, Messages.UPGRADE_COMPLETED, s),
                UPGRADE_COMPLETED, TRUE, Reasons.COMPLETED, Messages.UPGRADE_COMPLETED, s);
    }

    public static Conditions upgradeRollbackRequested(Conditions c, Stamp s) {
        return set(set(c, UPGRADE_COMPLETED, FALSE, Reasons.FAILED, Messages.ROLLBACK_REQUESTED, s),
                UPGRADE_IN_PROGRESS, FALSE, Reasons.FAILED, Messages.ROLLBACK_REQUESTED, s);
    }

    public static Conditions rollbackInProgress(Conditions c, String msg, Stamp s) {
        return set(c, ROLLBACK_IN_PROGRESS, TRUE, Reasons.IN_PROGRESS, msg, s);
    }

    public static Conditions rollbackFailed(Conditions c, String msg, Stamp s) {
        return set(set(c, ROLLBACK_COMPLETED, FALSE, Reasons.FAILED, Messages.ROLLBACK_FAILED, s),
                ROLLBACK_IN_PROGRESS, FALSE, Reasons.FAILED, msg, s);
    }

    public static Conditions rollbackCompleted(Conditions c, Stamp s) {
        return set(set(c, ROLLBACK_IN_PROGRESS, FALSE, Reasons.COMPLETED, Messages.ROLLBACK_COMPLETED, s),
                ROLLBACK_COMPLETED, TRUE, Reasons.COMPLETED, Messages.ROLLBACK_COMPLETED, s);
    }

    public static Conditions idleInProgress(Conditions c, String reason, String msg, Stamp s) {
        return set(c, IDLE, FALSE, reason, msg, s);
    }

    /** InvalidTransition on the in-progress type of the requested stage. */
    public static Conditions invalidTransition(Conditions c, Stage requested, String msg, Stamp s) {
        return set(c, requested.inProgressType(), FALSE, Reasons.INVALID_TRANSITION, msg, s);
    }

    /** Blocked (IPConfig gate) on the in-progress type of spec.stage. */
    public static Conditions blocked(Conditions c, Stage specStage, String msg, Stamp s) {
        return set(c, specStage.inProgressType(), FALSE, Reasons.BLOCKED, msg, s);
    }

    /** Drops or resets every InvalidTransition condition, as upstream does when a transition is accepted. */
    public static Conditions clearInvalidTransitions(Conditions c, Stamp s) {
        Conditions result = c;
        for (Condition x : c.items()) {
            if (!Reasons.INVALID_TRANSITION.equals(x.reason())) {
                continue;
            }
            if (IDLE.equals(x.type())) {
                result = set(result, IDLE, FALSE, Reasons.IN_PROGRESS, Messages.IN_PROGRESS, s);
            } else if (STAGE_IN_PROGRESS_TYPES.contains(x.type())) {
                result = result.remove(x.type());
            }
        }
        return result;
    }

    /** Removes every non-Idle condition, then sets {@code Idle=True/Idle/"Idle"} (in place where it exists). */
    public static Conditions reset(Conditions c, Stamp s) {
        Conditions onlyIdle = new Conditions(c.items().filter(x -> IDLE.equals(x.type())));
        return set(onlyIdle, IDLE, TRUE, Reasons.IDLE, Messages.IDLE, s);
    }

    /** Every message is bounded to what a condition holds, whatever text a port or an input put into it. */
    private static Conditions set(Conditions c, String type, ConditionStatus st, String reason, String msg, Stamp s) {
        return c.set(type, st, reason, Echo.bounded(msg, Echo.CONDITION_MESSAGE_MAX), s.generation(), s.now());
    }
}
