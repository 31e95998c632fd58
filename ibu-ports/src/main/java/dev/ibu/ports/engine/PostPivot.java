package dev.ibu.ports.engine;

import dev.ibu.domain.History;
import dev.ibu.domain.Messages;
import dev.ibu.domain.Setters;
import dev.ibu.domain.Stage;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.HealthReport;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Duration;

/**
 * Upgrade after the pivot (stage-machine.md §4.3): rollback availability, health, extra manifests, restores by
 * wave, full health, completion. A failure for good rolls back automatically unless disabled.
 */
final class PostPivot {

    Step handle(Pass pass) {
        String booted = pass.bootedStateroot().get();
        keepTheUncontrolledRollbackCopy(pass);
        if (pass.ibu().status().rollbackAvailabilityExpiration().isEmpty()) {
            rollbackAvailability(pass);
        }
        pass.updateHistory(h -> History.startPhase(h, Stage.UPGRADE, History.PHASE_POST_PIVOT, pass.now));
        Step step = waitForHealth(pass, HealthCheckSet.MANDATORY, Messages.WAIT_POST_PIVOT, "post-pivot waits for health");
        if (!step.proceeds()) {
            return step;
        }
        Either<Step, Option<ExportBundle>> manifests = loadBundle(pass, booted, UpgradeHandler.MANIFEST_BUNDLE);
        step = manifests.fold(s -> s, m -> m.isEmpty() ? Step.proceed() : applyManifests(pass, m.get()));
        if (!step.proceeds()) {
            return step;
        }
        Either<Step, Option<ExportBundle>> oadp = loadBundle(pass, booted, UpgradeHandler.OADP_BUNDLE);
        step = oadp.fold(s -> s, o -> o.isEmpty() ? Step.proceed() : restore(pass, o.get()));
        if (!step.proceeds()) {
            return step;
        }
        step = waitForHealth(pass, HealthCheckSet.DEFERRED, Messages.WAIT_POST_PIVOT_FULL,
                "post-pivot waits for full health");
        if (!step.proceeds()) {
            return step;
        }
        pass.ports.reboot().disableInitMonitor()
                .peekLeft(f -> FailurePolicy.bestEffort(f, "could not disable the init monitor"));
        pass.updateHistory(h -> History.stopStage(History.stopPhase(h, Stage.UPGRADE, History.PHASE_POST_PIVOT,
                pass.now), Stage.UPGRADE, pass.now));
        pass.update(c -> Setters.upgradeCompleted(c, pass.stamp()));
        pass.ports.events().emit(EventPort.Type.NORMAL, "UpgradeCompleted", Messages.UPGRADE_COMPLETED);
        return Step.done("Upgrade completed");
    }

    /** Spec §4.10: computed once, informational only; a failure is logged and retried on the next pass. */
    private static void rollbackAvailability(Pass pass) {
        pass.originalStateroot().forEach(o -> pass.ports.certificates().earliestKubeletExpiry(o)
                .peekLeft(f -> FailurePolicy.bestEffort(f, "cannot compute rollbackAvailabilityExpiration"))
                .forEach(expiry -> expiry.forEach(t -> pass.updateStatus(s ->
                        s.withRollbackAvailabilityExpiration(Option.some(t.minus(Duration.ofMinutes(30))))))));
    }

    /**
     * The pivot leaves in the original stateroot a copy of the CR that says "Uncontrolled rollback", for a return
     * there without the engine (init monitor, a boot that falls back). A power loss between the set-default and that
     * write boots the new stateroot without it: write it now. Best effort, looked at again on every pass: the copy
     * is a safety net, the upgrade does not wait for it.
     */
    private static void keepTheUncontrolledRollbackCopy(Pass pass) {
        pass.originalStateroot().forEach(original -> pass.ports.stateStore().loadIbu(original)
                .flatMap(saved -> saved.isDefined() ? Either.<PortFailure, Void>right(null)
                        : pass.ports.stateStore().saveIbu(original, asThePivotLeftIt(pass)))
                .peekLeft(f -> FailurePolicy.bestEffort(f, "cannot keep the uncontrolled-rollback copy of the IBU "
                        + "in stateroot " + original)));
    }

    /** The copy as the pivot writes it: nothing the post-pivot added (back there, no rollback is available). */
    private static dev.ibu.domain.ImageBasedUpgrade asThePivotLeftIt(Pass pass) {
        dev.ibu.domain.ImageBasedUpgrade copy = UpgradeHandler.uncontrolledRollback(pass);
        return copy.withStatus(copy.status().withRollbackAvailabilityExpiration(Option.none()));
    }

    private static Step waitForHealth(Pass pass, HealthCheckSet set, String waitMessage, String why) {
        Either<Step, HealthReport> health = pass.observe(pass.ports.health().check(set));
        if (health.isLeft()) {
            return health.getLeft();
        }
        if (health.get().healthy()) {
            return Step.proceed();
        }
        Step written = Milestone.write(pass, waitMessage + health.get().message());
        return written.proceeds() ? Step.requeue(Requeue.HEALTH, why) : written;
    }

    private static Either<Step, Option<ExportBundle>> loadBundle(Pass pass, String booted, String name) {
        return pass.call(pass.ports.stateStore().loadBundle(booted, name), "failed to read the " + name
                + " export saved before the pivot: ").mapLeft(s -> rollBackIfFailed(s, "Rollback due to an unreadable "
                + name + " export: "));
    }

    private static Step applyManifests(Pass pass, ExportBundle manifests) {
        Step written = Milestone.write(pass, Messages.APPLYING_CONFIG);
        if (!written.proceeds()) {
            return written;
        }
        return pass.call(pass.ports.extraManifests().apply(manifests), "").fold(
                s -> failure(pass, s, Messages.APPLYING_CONFIG, "Rollback due to failure applying config manifests: "),
                x -> Step.proceed());
    }

    private static Step restore(Pass pass, ExportBundle oadp) {
        Step written = Milestone.write(pass, Messages.RESTORING);
        if (!written.proceeds()) {
            return written;
        }
        Either<Step, WorkProgress> restore = pass.call(pass.ports.backups().restore(oadp), "")
                .mapLeft(s -> failure(pass, s, Messages.RESTORING, "Rollback due to restore failure: "));
        return UpgradeHandler.waitFor(pass, restore, Messages.RESTORE_IN_PROGRESS);
    }

    /**
     * Spec §4.3: retried failures say what is retried ("Restoring Application Data: Failure occurred: ..."); a stage
     * failure after the pivot becomes Upgrade failed plus the automatic rollback with {@code rollbackReason}.
     */
    private static Step failure(Pass pass, Step step, String doing, String rollbackReason) {
        if (step instanceof Step.Retry r) {
            Step written = Milestone.write(pass, doing + ": Failure occurred: " + r.cause().message());
            return written.proceeds() ? step : written;
        }
        return rollBackIfFailed(step, rollbackReason);
    }

    private static Step rollBackIfFailed(Step step, String rollbackReason) {
        if (step instanceof Step.FailStage f) {
            return new Step.FailAndRollBack(f.message(), rollbackReason + f.message());
        }
        return step;
    }
}
