package dev.ibu.ports.engine;

import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.Reasons;
import dev.ibu.domain.Setters;
import dev.ibu.domain.Stage;
import dev.ibu.ports.out.EventPort;

/**
 * Writes a stage's failure into the pass's status (persisted at the end of the pass) and says it in an event: the
 * only place a {@link Step.FailStage} turns into conditions (spec §2.5 setters, §4.1 for Idle).
 */
final class StageFailure {
    private StageFailure() {
    }

    static Step write(Pass pass, Stage stage, String message) {
        if (stage == Stage.IDLE) {
            return idle(pass, message);
        }
        if (stage == Stage.PREP) {
            pass.update(c -> Setters.prepFailed(c, message, pass.stamp()));
        } else if (stage == Stage.UPGRADE) {
            pass.update(c -> Setters.upgradeFailed(c, message, pass.stamp()));
        } else {
            pass.update(c -> Setters.rollbackFailed(c, message, pass.stamp()));
        }
        pass.ports.events().emit(EventPort.Type.WARNING, stage.wireName() + "Failed", message);
        return Step.done(stage.wireName() + " failed: " + message);
    }

    /** AbortFailed or FinalizeFailed, then wait (5 min) for the manual-cleanup-done annotation. */
    private static Step idle(Pass pass, String message) {
        String current = pass.conditions().find(ConditionTypes.IDLE).map(c -> c.reason()).getOrElse("");
        boolean finalize = Reasons.FINALIZING.equals(current) || Reasons.FINALIZE_FAILED.equals(current);
        String reason = finalize ? Reasons.FINALIZE_FAILED : Reasons.ABORT_FAILED;
        pass.update(c -> Setters.idleInProgress(c, reason, message, pass.stamp()));
        pass.ports.events().emit(EventPort.Type.WARNING, reason, message);
        return Step.requeue(Requeue.LONG, reason);
    }
}
