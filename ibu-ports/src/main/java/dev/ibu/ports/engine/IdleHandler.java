package dev.ibu.ports.engine;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.Messages;
import dev.ibu.domain.Reasons;
import dev.ibu.domain.Setters;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.HealthReport;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.ArrayList;

/**
 * Idle in progress (stage-machine.md §4.1): abort after Prep or a failed pre-pivot Upgrade, finalize after
 * Upgrade or Rollback. Cleanup attempts every step and never removes the booted stateroot.
 */
final class IdleHandler implements StageHandler {

    @Override
    public ReconcileResult handle(Pass pass) {
        String reason = pass.conditions().find(ConditionTypes.IDLE).map(c -> c.reason()).getOrElse("");
        if (Reasons.ABORTING.equals(reason)) {
            return cleanUp(pass, false);
        }
        if (Reasons.FINALIZING.equals(reason)) {
            return finalizeAfterHealth(pass);
        }
        boolean finalize = Reasons.FINALIZE_FAILED.equals(reason);
        if (!pass.ibu().metadata().hasAnnotation(Annotations.MANUAL_CLEANUP_DONE)) {
            return ReconcileResult.after(Requeue.LONG, "waiting for the " + Annotations.MANUAL_CLEANUP_DONE
                    + " annotation");
        }
        // the annotation means "retry the whole cleanup", as upstream: remove it first so it is seen once
        Either<PortFailure, dev.ibu.domain.ImageBasedUpgrade> removed =
                pass.ports.resource().setAnnotation(Annotations.MANUAL_CLEANUP_DONE, Option.none());
        if (removed.isLeft()) {
            return new ReconcileResult(Option.some(Requeue.SHORT), Option.some(Results.of(removed.getLeft())),
                    removed.getLeft().message());
        }
        pass.replace(removed.get().withStatus(pass.ibu().status()));
        return finalize ? finalizeAfterHealth(pass) : cleanUp(pass, false);
    }

    private ReconcileResult finalizeAfterHealth(Pass pass) {
        HealthReport health = pass.orRetry(pass.ports.health().check(HealthCheckSet.FULL));
        if (!health.healthy()) {
            pass.update(c -> Setters.idleInProgress(c, Reasons.FINALIZING, Messages.WAIT_FINALIZE + health.message(),
                    pass.stamp()));
            return ReconcileResult.after(Requeue.HEALTH, "finalize waits for health");
        }
        return cleanUp(pass, true);
    }

    private ReconcileResult cleanUp(Pass pass, boolean finalize) {
        java.util.List<String> errors = new ArrayList<>();
        removeUnbootedStateroots(pass, errors);
        collect(pass.ports.precache().cleanup(), errors);
        if (pass.ibu().metadata().hasAnnotation(Annotations.VALIDATION_WARNING)) {
            Either<PortFailure, dev.ibu.domain.ImageBasedUpgrade> r =
                    pass.ports.resource().setAnnotation(Annotations.VALIDATION_WARNING, Option.none());
            collect(r.map(x -> null), errors);
            r.forEach(stored -> pass.replace(stored.withStatus(pass.ibu().status())));
        }
        Either<PortFailure, WorkProgress> backups = pass.ports.backups().cleanupStep();
        collect(backups, errors);
        boolean backupsPending = backups.isRight() && !(backups.get() instanceof WorkProgress.Done);
        pass.bootedStateroot().forEach(b -> {
            collect(pass.ports.stateStore().deleteBundles(b), errors);
            // a copy saved for an uncontrolled rollback must not be restored at a later start
            collect(pass.ports.stateStore().deleteIbu(b), errors);
        });
        if (errors.isEmpty() && backupsPending) {
            // Velero deletes backups asynchronously: look again soon instead of holding the reconcile; a retry after
            // AbortFailed/FinalizeFailed is in progress again, so the next pass carries on without the annotation
            pass.update(c -> Setters.idleInProgress(c, finalize ? Reasons.FINALIZING : Reasons.ABORTING,
                    finalize ? Messages.FINALIZING : Messages.ABORTING, pass.stamp()));
            return ReconcileResult.after(Requeue.SHORT, "waiting for the backups to be deleted");
        }
        if (errors.isEmpty()) {
            pass.updateStatus(s -> s.withRollbackAvailabilityExpiration(Option.none()).withHistory(List.empty())
                    .withConditions(Setters.reset(s.conditions(), pass.stamp())));
            pass.ports.events().emit(EventPort.Type.NORMAL, finalize ? "Finalized" : "Aborted",
                    (finalize ? "Finalize" : "Abort") + " completed: the IBU is Idle");
            return ReconcileResult.done(finalize ? "finalized" : "aborted");
        }
        String reason = finalize ? Reasons.FINALIZE_FAILED : Reasons.ABORT_FAILED;
        String message = Messages.cleanupFailed(errors);
        pass.update(c -> Setters.idleInProgress(c, reason, message, pass.stamp()));
        pass.ports.events().emit(EventPort.Type.WARNING, reason, message);
        return ReconcileResult.after(Requeue.LONG, reason);
    }

    private void removeUnbootedStateroots(Pass pass, java.util.List<String> errors) {
        Option<String> booted = pass.bootedStateroot();
        if (booted.isEmpty()) {
            errors.add("failed to find the booted stateroot, so no stateroot was removed;");
            return;
        }
        int failed = 0;
        java.util.List<String> details = new ArrayList<>();
        java.util.Set<String> candidates = new java.util.LinkedHashSet<>(pass.host.staterootNames().asJava());
        // a stateroot whose setup job never made a deployment still has a directory and a job to forget
        pass.newStateroot().forEach(candidates::add);
        for (String name : candidates) {
            if (name.equals(booted.get())) {
                continue;
            }
            Either<PortFailure, Void> r = pass.ports.stateroots().remove(name);
            if (r.isLeft()) {
                failed++;
                details.add(r.getLeft().message());
            }
        }
        if (failed > 0) {
            errors.add("failed to remove " + failed + " stateroots: " + String.join("; ", details) + ";");
        }
    }

    private static void collect(Either<PortFailure, ?> r, java.util.List<String> errors) {
        if (r.isLeft()) {
            errors.add(r.getLeft().message());
        }
    }
}
