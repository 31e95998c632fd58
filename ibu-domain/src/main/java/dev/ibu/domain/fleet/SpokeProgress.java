package dev.ibu.domain.fleet;

import dev.ibu.domain.Condition;
import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.Reasons;
import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * What a spoke's IBU conditions mean for the action the hub asked of it (stage-machine.md §2.3 and §2.5), as one
 * table: the condition that says the action is done, the one that carries progress and failure, and the reasons
 * that fail it at once (fail-fast: no waiting for the step's timeout).
 */
public final class SpokeProgress {

    /** The three answers. */
    public enum Kind { RUNNING, DONE, FAILED }

    /** The answer with the spoke's own message (the in-progress condition's, else the completed one's). */
    public record Result(Kind kind, String message) {
    }

    /** One row of the table. */
    record Row(Action action, String doneType, String progressType, List<String> failReasons) {
    }

    private static final List<String> STAGE_FAILURES = List.of(Reasons.FAILED, Reasons.INVALID_TRANSITION);

    static final List<Row> TABLE = List.of(
            new Row(Action.PREP, ConditionTypes.PREP_COMPLETED, ConditionTypes.PREP_IN_PROGRESS, STAGE_FAILURES),
            new Row(Action.UPGRADE, ConditionTypes.UPGRADE_COMPLETED, ConditionTypes.UPGRADE_IN_PROGRESS,
                    STAGE_FAILURES),
            new Row(Action.ROLLBACK, ConditionTypes.ROLLBACK_COMPLETED, ConditionTypes.ROLLBACK_IN_PROGRESS,
                    STAGE_FAILURES),
            new Row(Action.ABORT, ConditionTypes.IDLE, ConditionTypes.IDLE,
                    List.of(Reasons.ABORT_FAILED, Reasons.INVALID_TRANSITION)),
            new Row(Action.ABORT_ON_FAILURE, ConditionTypes.IDLE, ConditionTypes.IDLE,
                    List.of(Reasons.ABORT_FAILED, Reasons.INVALID_TRANSITION)),
            new Row(Action.FINALIZE_UPGRADE, ConditionTypes.IDLE, ConditionTypes.IDLE,
                    List.of(Reasons.FINALIZE_FAILED, Reasons.INVALID_TRANSITION)),
            new Row(Action.FINALIZE_ROLLBACK, ConditionTypes.IDLE, ConditionTypes.IDLE,
                    List.of(Reasons.FINALIZE_FAILED, Reasons.INVALID_TRANSITION)));

    private SpokeProgress() {
    }

    /**
     * Done: the done condition is True. Failed: the done condition is False (a stage's completed condition turns
     * False only on failure; Idle never does that way), or the progress condition is False with a failing reason.
     * Anything else, including no conditions yet, is running. {@code Blocked} is running: it clears by itself.
     */
    public static Result of(Action action, Conditions conditions) {
        Row row = TABLE.find(r -> r.action() == action).get();
        Option<Condition> done = conditions.find(row.doneType());
        Option<Condition> progress = conditions.find(row.progressType());
        String message = progress.map(Condition::message).filter(m -> !m.isEmpty())
                .orElse(() -> done.map(Condition::message)).getOrElse("");
        if (done.exists(Condition::isTrue)) {
            return new Result(Kind.DONE, done.get().message());
        }
        boolean stageFailed = !row.doneType().equals(ConditionTypes.IDLE) && done.exists(Condition::isFalse);
        boolean progressFailed = progress.exists(c -> c.status() == ConditionStatus.FALSE
                && row.failReasons().contains(c.reason()));
        if (stageFailed || progressFailed) {
            return new Result(Kind.FAILED, message);
        }
        return new Result(Kind.RUNNING, message);
    }
}
