package dev.ibu.ports.engine;

import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.History;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Messages;
import dev.ibu.domain.Setters;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.HealthReport;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.control.Either;

/**
 * Upgrade before the pivot (stage-machine.md §4.3): health, backups, exports, state saved into both stateroots,
 * set default, reboot. Everything the post-pivot needs is saved before the reboot; status is written first.
 */
final class UpgradeHandler implements StageHandler {
    static final String OADP_BUNDLE = "oadp";
    static final String MANIFEST_BUNDLE = "extra-manifests";

    @Override
    public ReconcileResult handle(Pass pass) {
        if (pass.newStateroot().isEmpty()) {
            return fail(pass, "spec.seedImageRef.version is empty: the new stateroot cannot be found; go back to "
                    + "Idle to abort");
        }
        if (pass.isAfterPivot()) {
            return new PostPivot().handle(pass);
        }
        return prePivot(pass, pass.newStateroot().get());
    }

    private ReconcileResult prePivot(Pass pass, String newStateroot) {
        pass.updateHistory(h -> History.startPhase(h, Stage.UPGRADE, History.PHASE_PRE_PIVOT, pass.now));
        if (pass.conditions().find(ConditionTypes.UPGRADE_IN_PROGRESS).isEmpty()) {
            message(pass, Messages.IN_PROGRESS);
        }
        if (!pass.host.hasStateroot(newStateroot)) {
            return fail(pass, "the new stateroot " + newStateroot + " does not exist (was it removed by hand?); "
                    + "go back to Idle to abort, then run Prep again");
        }
        HealthReport health = pass.orRetry(pass.ports.health().check(HealthCheckSet.FULL));
        if (!health.healthy()) {
            message(pass, Messages.WAIT_PRE_PIVOT + health.message());
            return ReconcileResult.after(Requeue.HEALTH, "pre-pivot waits for health");
        }
        Spec spec = pass.ibu().spec();
        message(pass, Messages.BACKING_UP);
        if (!spec.oadpContent().isEmpty()) {
            Either<PortFailure, WorkProgress> backup = pass.ports.backups().backup(spec.oadpContent());
            ReconcileResult pending = waitFor(pass, backup, Messages.BACKUP_IN_PROGRESS);
            if (pending != null) {
                return pending;
            }
        }
        message(pass, Messages.EXPORTING_APP_CONFIG);
        if (!spec.oadpContent().isEmpty()) {
            Either<PortFailure, ExportBundle> export = pass.ports.backups().export(spec.oadpContent());
            if (export.isLeft() && export.getLeft() instanceof PortFailure.Terminal) {
                return fail(pass, "failed to export OADP configuration: " + export.getLeft().message());
            }
            pass.orRetry(pass.ports.stateStore().saveBundle(newStateroot, OADP_BUNDLE, pass.orRetry(export)));
        }
        message(pass, Messages.EXPORTING_MANIFESTS);
        // always asked, as upstream: policy manifests labelled for the target version travel even without ConfigMaps
        Either<PortFailure, ExportBundle> export = pass.ports.extraManifests().export(spec.extraManifests());
        if (export.isLeft() && !(export.getLeft() instanceof PortFailure.Transient)) {
            return fail(pass, export.getLeft().message());
        }
        ExportBundle manifests = pass.orRetry(export);
        if (!manifests.isEmpty()) {
            pass.orRetry(pass.ports.stateStore().saveBundle(newStateroot, MANIFEST_BUNDLE, manifests));
        }
        return pivot(pass, newStateroot);
    }

    private ReconcileResult pivot(Pass pass, String newStateroot) {
        pass.update(c -> Setters.upgradeInProgress(c, Messages.IN_PROGRESS, pass.stamp()));
        pass.updateHistory(h -> History.stopPhase(h, Stage.UPGRADE, History.PHASE_PRE_PIVOT, pass.now));
        pass.persist();
        ImageBasedUpgrade now = pass.ibu();
        pass.orRetry(pass.ports.stateStore().saveIbu(newStateroot, now));
        pass.orRetry(pass.ports.stateroots().setDefault(newStateroot));
        // if the node comes back in the original stateroot without us (init monitor, power loss), this copy says so;
        // written after set-default so that an agent restart in between never mistakes it for a rollback
        ImageBasedUpgrade uncontrolled = now.withStatus(now.status().withConditions(
                Setters.upgradeFailed(now.status().conditions(), Messages.UNCONTROLLED_ROLLBACK, pass.stamp())));
        String original = pass.originalStateroot().get();
        pass.orRetry(pass.ports.stateStore().saveIbu(original, uncontrolled));
        pass.ports.events().emit(EventPort.Type.NORMAL, "Reboot", "System will now reboot for upgrade");
        Either<PortFailure, Void> reboot = pass.ports.reboot().reboot("upgrade to stateroot " + newStateroot);
        if (reboot.isLeft()) {
            return fail(pass, reboot.getLeft().message());
        }
        return ReconcileResult.after(Requeue.SHORT, "rebooting into " + newStateroot);
    }

    /** Null when the work is done; otherwise the result that ends this pass. */
    static ReconcileResult waitFor(Pass pass, Either<PortFailure, WorkProgress> progress, String inProgressMessage) {
        if (progress.isLeft()) {
            if (progress.getLeft() instanceof PortFailure.Transient) {
                return Results.error(progress.getLeft());
            }
            return fail(pass, progress.getLeft().message());
        }
        WorkProgress p = progress.get();
        if (p instanceof WorkProgress.Progressing) {
            message(pass, inProgressMessage);
            return ReconcileResult.after(Requeue.SHORT, ((WorkProgress.Progressing) p).message());
        }
        if (p instanceof WorkProgress.Waiting w) {
            message(pass, inProgressMessage);
            return ReconcileResult.after(Requeue.MEDIUM, w.message());
        }
        return null;
    }

    /** Sets the UpgradeInProgress message and writes it, as upstream does at each milestone. */
    static void message(Pass pass, String message) {
        pass.update(c -> Setters.upgradeInProgress(c, message, pass.stamp()));
        pass.persist();
    }

    static ReconcileResult fail(Pass pass, String message) {
        pass.update(c -> Setters.upgradeFailed(c, message, pass.stamp()));
        pass.ports.events().emit(EventPort.Type.WARNING, "UpgradeFailed", message);
        return ReconcileResult.done("Upgrade failed: " + message);
    }
}
