package dev.ibu.ports.engine;

import dev.ibu.domain.ConditionPredicates;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Metadata;
import dev.ibu.domain.Stage;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource was deleted (spec §4.8): unless it was Idle or Rollback failed it is saved and restored at once, so it
 * cannot be deleted mid-upgrade; otherwise a fresh Idle resource replaces it (with no cleanup).
 */
final class Deletion {
    private static final Logger LOG = LoggerFactory.getLogger(Deletion.class);

    private Deletion() {
    }

    static ReconcileResult handle(EnginePorts ports, ImageBasedUpgrade lastSeen) {
        if (!Metadata.SINGLETON_NAME.equals(lastSeen.metadata().name())) {
            return ReconcileResult.done("ignored: not the singleton");
        }
        var c = lastSeen.status().conditions();
        boolean idle = ConditionPredicates.completed(c, Stage.IDLE) || c.isEmpty();
        boolean rollbackFailed = ConditionPredicates.failed(c, Stage.ROLLBACK);
        Either<PortFailure, HostStatus> host = ports.stateroots().status();
        if (host.isLeft()) {
            return Outcome.withoutStatus(FailurePolicy.outsideStage(host.getLeft()));
        }
        Option<String> booted = host.get().bootedStateroot();
        if (idle || rollbackFailed || booted.isEmpty()) {
            booted.forEach(b -> ports.stateStore().deleteIbu(b)
                    .peekLeft(f -> FailurePolicy.bestEffort(f, "the IBU saved in stateroot " + b + " stays")));
            LOG.info("the ImageBasedUpgrade was deleted while {}: a fresh one replaces it",
                    idle ? "Idle" : "Rollback failed");
            return InitIbu.run(ports);
        }
        Either<PortFailure, Void> saved = ports.stateStore().saveIbu(booted.get(), lastSeen);
        if (saved.isLeft()) {
            return Outcome.withoutStatus(FailurePolicy.outsideStage(saved.getLeft()));
        }
        LOG.warn("the ImageBasedUpgrade was deleted mid-upgrade: restoring it (set spec.stage to Idle to end the "
                + "upgrade instead)");
        ports.events().emit(EventPort.Type.WARNING, "Restored", "The ImageBasedUpgrade cannot be deleted while an "
                + "upgrade is in progress; it was restored. Set spec.stage to Idle to abort or finalize.");
        return InitIbu.restoreNow(ports, booted.get(), lastSeen);
    }
}
