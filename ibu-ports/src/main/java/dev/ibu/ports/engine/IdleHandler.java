package dev.ibu.ports.engine;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Messages;
import dev.ibu.domain.Reasons;
import dev.ibu.domain.Setters;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.HealthReport;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * Idle in progress (stage-machine.md §4.1): abort after Prep or a failed pre-pivot Upgrade, finalize after
 * Upgrade or Rollback. After AbortFailed/FinalizeFailed the manual-cleanup-done annotation retries the whole cleanup.
 */
final class IdleHandler implements StageHandler {

    @Override
    public Step handle(Pass pass) {
        String reason = pass.conditions().find(ConditionTypes.IDLE).map(c -> c.reason()).getOrElse("");
        boolean finalize = Reasons.FINALIZING.equals(reason) || Reasons.FINALIZE_FAILED.equals(reason);
        if (Reasons.ABORT_FAILED.equals(reason) || Reasons.FINALIZE_FAILED.equals(reason)) {
            Step retry = takeManualCleanupDone(pass, finalize);
            if (!retry.proceeds()) {
                return retry;
            }
        }
        Step spent = removeSpentAnnotation(pass);
        if (!spent.proceeds()) {
            return spent;
        }
        return finalize ? finalizeAfterHealth(pass) : Cleanup.run(pass, false);
    }

    /**
     * The annotation means "retry the whole cleanup", as upstream. It is consumed in an order no kill can break: the
     * status first records that the retry was taken (Aborting/Finalizing again), and only then is the annotation
     * removed ({@link #removeSpentAnnotation}). Killed in between, the next pass carries on with the cleanup and
     * removes it then; never is the annotation gone while the status still waits for it.
     */
    private static Step takeManualCleanupDone(Pass pass, boolean finalize) {
        if (!pass.ibu().metadata().hasAnnotation(Annotations.MANUAL_CLEANUP_DONE)) {
            return Step.requeue(Requeue.LONG, "waiting for the " + Annotations.MANUAL_CLEANUP_DONE + " annotation");
        }
        pass.update(c -> Setters.idleInProgress(c, finalize ? Reasons.FINALIZING : Reasons.ABORTING,
                finalize ? Messages.FINALIZING : Messages.ABORTING, pass.stamp()));
        return pass.persist();
    }

    /** While Aborting or Finalizing, the annotation was taken already: remove it, so that it is seen only once. */
    private static Step removeSpentAnnotation(Pass pass) {
        if (!pass.ibu().metadata().hasAnnotation(Annotations.MANUAL_CLEANUP_DONE)) {
            return Step.proceed();
        }
        Either<Step, ImageBasedUpgrade> removed = pass.call(pass.ports.resource().setAnnotation(
                Annotations.MANUAL_CLEANUP_DONE, Option.none()), "failed to remove the "
                + Annotations.MANUAL_CLEANUP_DONE + " annotation: ");
        removed.forEach(pass::replaceMetadata);
        return removed.fold(s -> s, x -> Step.proceed());
    }

    private static Step finalizeAfterHealth(Pass pass) {
        Either<Step, HealthReport> health = pass.observe(pass.ports.health().check(HealthCheckSet.FULL));
        if (health.isLeft()) {
            return health.getLeft();
        }
        if (!health.get().healthy()) {
            pass.update(c -> Setters.idleInProgress(c, Reasons.FINALIZING,
                    Messages.WAIT_FINALIZE + health.get().message(), pass.stamp()));
            return Step.requeue(Requeue.HEALTH, "finalize waits for health");
        }
        return Cleanup.run(pass, true);
    }
}
