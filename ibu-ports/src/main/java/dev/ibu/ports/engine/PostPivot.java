package dev.ibu.ports.engine;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.History;
import dev.ibu.domain.Messages;
import dev.ibu.domain.Setters;
import dev.ibu.domain.Stage;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.HealthReport;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Upgrade after the pivot (stage-machine.md §4.3): rollback availability, health, extra manifests, restores by
 * wave, full health, completion. A terminal failure rolls back automatically unless disabled.
 */
final class PostPivot {
    private static final Logger LOG = LoggerFactory.getLogger(PostPivot.class);

    ReconcileResult handle(Pass pass) {
        String booted = pass.bootedStateroot().get();
        if (pass.ibu().status().rollbackAvailabilityExpiration().isEmpty()) {
            pass.originalStateroot().forEach(o -> pass.ports.certificates().earliestKubeletExpiry(o)
                    .peekLeft(f -> LOG.warn("cannot compute rollbackAvailabilityExpiration: {}", f.message()))
                    .forEach(expiry -> expiry.forEach(t -> pass.updateStatus(s ->
                            s.withRollbackAvailabilityExpiration(Option.some(t.minus(Duration.ofMinutes(30))))))));
        }
        pass.updateHistory(h -> History.startPhase(h, Stage.UPGRADE, History.PHASE_POST_PIVOT, pass.now));
        HealthReport mandatory = pass.orRetry(pass.ports.health().check(HealthCheckSet.MANDATORY));
        if (!mandatory.healthy()) {
            UpgradeHandler.message(pass, Messages.WAIT_POST_PIVOT + mandatory.message());
            return ReconcileResult.after(Requeue.HEALTH, "post-pivot waits for health");
        }
        Option<ExportBundle> manifests = pass.orRetry(pass.ports.stateStore().loadBundle(booted,
                UpgradeHandler.MANIFEST_BUNDLE));
        if (manifests.isDefined()) {
            UpgradeHandler.message(pass, Messages.APPLYING_CONFIG);
            Either<PortFailure, Void> applied = pass.ports.extraManifests().apply(manifests.get());
            if (applied.isLeft()) {
                return failure(pass, applied.getLeft(), Messages.APPLYING_CONFIG,
                        "Rollback due to failure applying config manifests: ");
            }
        }
        Option<ExportBundle> oadp = pass.orRetry(pass.ports.stateStore().loadBundle(booted, UpgradeHandler.OADP_BUNDLE));
        if (oadp.isDefined()) {
            UpgradeHandler.message(pass, Messages.RESTORING);
            Either<PortFailure, WorkProgress> restore = pass.ports.backups().restore(oadp.get());
            if (restore.isLeft()) {
                return failure(pass, restore.getLeft(), Messages.RESTORING, "Rollback due to restore failure: ");
            }
            ReconcileResult pending = UpgradeHandler.waitFor(pass, restore, Messages.RESTORE_IN_PROGRESS);
            if (pending != null) {
                return pending;
            }
        }
        HealthReport deferred = pass.orRetry(pass.ports.health().check(HealthCheckSet.DEFERRED));
        if (!deferred.healthy()) {
            UpgradeHandler.message(pass, Messages.WAIT_POST_PIVOT_FULL + deferred.message());
            return ReconcileResult.after(Requeue.HEALTH, "post-pivot waits for full health");
        }
        pass.ports.reboot().disableInitMonitor()
                .peekLeft(f -> LOG.warn("could not disable the init monitor: {}", f.message()));
        pass.updateHistory(h -> History.stopStage(History.stopPhase(h, Stage.UPGRADE, History.PHASE_POST_PIVOT,
                pass.now), Stage.UPGRADE, pass.now));
        pass.update(c -> Setters.upgradeCompleted(c, pass.stamp()));
        pass.ports.events().emit(EventPort.Type.NORMAL, "UpgradeCompleted", Messages.UPGRADE_COMPLETED);
        return ReconcileResult.done("Upgrade completed");
    }

    /** Transient: say what failed and retry. Terminal: Upgrade failed, then roll back automatically. */
    private ReconcileResult failure(Pass pass, PortFailure f, String step, String rollbackReason) {
        if (f instanceof PortFailure.Transient) {
            UpgradeHandler.message(pass, step + ": Failure occurred: " + f.message());
            return Results.error(f);
        }
        ReconcileResult failed = UpgradeHandler.fail(pass, f.message());
        autoRollback(pass, rollbackReason + f.message());
        return failed;
    }

    /** Upstream's controller auto-rollback: rewrite the CR saved in the original stateroot, set default, reboot. */
    static void autoRollback(Pass pass, String reason) {
        if (pass.ibu().metadata().annotations().get(Annotations.AUTO_ROLLBACK_UPGRADE_COMPLETION)
                .contains(Annotations.DISABLED)) {
            LOG.info("automatic rollback disabled by annotation {}", Annotations.AUTO_ROLLBACK_UPGRADE_COMPLETION);
            return;
        }
        Option<String> original = pass.originalStateroot();
        if (original.isEmpty()) {
            LOG.error("automatic rollback impossible: no original stateroot");
            return;
        }
        pass.persist();
        Either<PortFailure, Void> done = pass.ports.stateStore().loadIbu(original.get())
                .map(saved -> saved.getOrElse(pass.ibu()))
                .map(saved -> saved.withStatus(saved.status().withConditions(
                        Setters.upgradeFailed(saved.status().conditions(), reason, pass.stamp()))))
                .flatMap(rewritten -> pass.ports.stateStore().saveIbu(original.get(), rewritten))
                .flatMap(x -> pass.ports.stateroots().setDefault(original.get()))
                .peek(x -> pass.ports.events().emit(EventPort.Type.WARNING, "Reboot",
                        "System will now reboot for automatic rollback: " + reason))
                .flatMap(x -> pass.ports.reboot().reboot(reason));
        done.peekLeft(f -> LOG.error("automatic rollback failed: {}", f.message()));
    }
}
