package dev.ibu.ports.engine;

import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.Echo;
import dev.ibu.domain.History;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Messages;
import dev.ibu.domain.Setters;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.HealthReport;
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
    public Step handle(Pass pass) {
        if (pass.newStateroot().isEmpty()) {
            String version = pass.ibu().spec().seedImageRef().version();
            return Step.fail("spec.seedImageRef.version is " + (version.isBlank() ? "empty"
                    : "\"" + Echo.of(version) + "\", not a version") + ": the new stateroot cannot be found; go back "
                    + "to Idle to abort");
        }
        if (pass.isAfterPivot()) {
            return new PostPivot().handle(pass);
        }
        return prePivot(pass, pass.newStateroot().get());
    }

    private Step prePivot(Pass pass, String newStateroot) {
        pass.updateHistory(h -> History.startPhase(h, Stage.UPGRADE, History.PHASE_PRE_PIVOT, pass.now));
        if (pass.conditions().find(ConditionTypes.UPGRADE_IN_PROGRESS).isEmpty()) {
            Step written = Milestone.write(pass, Messages.IN_PROGRESS);
            if (!written.proceeds()) {
                return written;
            }
        }
        if (!pass.host.hasStateroot(newStateroot)) {
            return Step.fail("the new stateroot " + Echo.of(newStateroot) + " does not exist (was it removed by "
                    + "hand?); go back to Idle to abort, then run Prep again");
        }
        Either<Step, HealthReport> health = pass.observe(pass.ports.health().check(HealthCheckSet.FULL));
        if (health.isLeft()) {
            return health.getLeft();
        }
        if (!health.get().healthy()) {
            Step written = Milestone.write(pass, Messages.WAIT_PRE_PIVOT + health.get().message());
            return written.proceeds() ? Step.requeue(Requeue.HEALTH, "pre-pivot waits for health") : written;
        }
        Step exported = backupAndExport(pass, newStateroot);
        return exported.proceeds() ? pivot(pass, newStateroot) : exported;
    }

    /** Backups, then the OADP configuration and the extra manifests saved into the new stateroot. */
    private Step backupAndExport(Pass pass, String newStateroot) {
        Spec spec = pass.ibu().spec();
        Step step = Milestone.write(pass, Messages.BACKING_UP);
        if (step.proceeds() && !spec.oadpContent().isEmpty()) {
            step = waitFor(pass, pass.call(pass.ports.backups().backup(spec.oadpContent()), ""),
                    Messages.BACKUP_IN_PROGRESS);
        }
        if (!step.proceeds()) {
            return step;
        }
        step = Milestone.write(pass, Messages.EXPORTING_APP_CONFIG);
        if (step.proceeds() && !spec.oadpContent().isEmpty()) {
            // the port's failure names the part, in upstream's words: "failed to export OADP configuration: ..." or
            // "failed to export restores: ..." (BackupPort#export)
            step = pass.call(pass.ports.backups().export(spec.oadpContent()), "")
                    .fold(failed -> failed, bundle -> save(pass, newStateroot, OADP_BUNDLE, bundle));
        }
        if (!step.proceeds()) {
            return step;
        }
        step = Milestone.write(pass, Messages.EXPORTING_MANIFESTS);
        if (!step.proceeds()) {
            return step;
        }
        // always asked, as upstream: policy manifests labelled for the target version travel even without ConfigMaps
        return pass.call(pass.ports.extraManifests().export(spec.extraManifests()), "").fold(failed -> failed,
                bundle -> bundle.isEmpty() ? Step.proceed() : save(pass, newStateroot, MANIFEST_BUNDLE, bundle));
    }

    private static Step save(Pass pass, String stateroot, String name, ExportBundle bundle) {
        return pass.act(pass.ports.stateStore().saveBundle(stateroot, name, bundle), "failed to save the "
                + name + " export into stateroot " + stateroot + ": ");
    }

    private Step pivot(Pass pass, String newStateroot) {
        pass.update(c -> Setters.upgradeInProgress(c, Messages.IN_PROGRESS, pass.stamp()));
        pass.updateHistory(h -> History.stopPhase(h, Stage.UPGRADE, History.PHASE_PRE_PIVOT, pass.now));
        Step written = pass.persist();
        if (!written.proceeds()) {
            return written;
        }
        ImageBasedUpgrade now = pass.ibu();
        String saveFailed = "failed to save the IBU into stateroot ";
        Step step = pass.act(pass.ports.stateStore().saveIbu(newStateroot, now), saveFailed + newStateroot
                + ": ");
        if (!step.proceeds()) {
            return step;
        }
        step = pass.act(pass.ports.stateroots().setDefault(newStateroot), "failed to make stateroot "
                + newStateroot + " the default: ");
        if (!step.proceeds()) {
            return step;
        }
        // if the node comes back in the original stateroot without us (init monitor, power loss), this copy says so;
        // written after set-default so that an agent restart in between never mistakes it for a rollback
        ImageBasedUpgrade uncontrolled = uncontrolledRollback(pass);
        String original = pass.originalStateroot().get();
        step = pass.act(pass.ports.stateStore().saveIbu(original, uncontrolled), saveFailed + original + ": ");
        if (!step.proceeds()) {
            return step;
        }
        pass.ports.events().emit(EventPort.Type.NORMAL, "Reboot", "System will now reboot for upgrade");
        return pass.call(pass.ports.reboot().reboot("upgrade to stateroot " + newStateroot), "")
                .fold(s -> s, x -> Step.requeue(Requeue.SHORT, "rebooting into " + newStateroot));
    }

    /** The CR as a return to the original stateroot without the engine must show it: Upgrade failed. */
    static ImageBasedUpgrade uncontrolledRollback(Pass pass) {
        ImageBasedUpgrade now = pass.ibu();
        return now.withStatus(now.status().withConditions(
                Setters.upgradeFailed(now.status().conditions(), Messages.UNCONTROLLED_ROLLBACK, pass.stamp())));
    }

    /**
     * Backups or restores: Continue once done; while they run, the in-progress message is written and the pass ends
     * (30 s while progressing, 60 s while waiting, as upstream).
     */
    static Step waitFor(Pass pass, Either<Step, WorkProgress> progress, String inProgressMessage) {
        if (progress.isLeft()) {
            return progress.getLeft();
        }
        WorkProgress p = progress.get();
        if (p instanceof WorkProgress.Done) {
            return Step.proceed();
        }
        Step written = Milestone.write(pass, inProgressMessage);
        if (!written.proceeds()) {
            return written;
        }
        if (p instanceof WorkProgress.Progressing running) {
            return Step.requeue(Requeue.SHORT, running.message());
        }
        return Step.requeue(Requeue.MEDIUM, ((WorkProgress.Waiting) p).message());
    }
}
