package dev.ibu.ports.engine;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up (stage-machine.md §4.8): when the booted stateroot (being the default) holds an IBU saved before a pivot
 * or rollback, replace
 * the resource with it (a new object: generation restarts at 1) and delete the file; otherwise create the fresh
 * {@code spec.stage: Idle} resource if none exists.
 */
final class InitIbu {
    private static final Logger LOG = LoggerFactory.getLogger(InitIbu.class);

    private InitIbu() {
    }

    static ReconcileResult run(EnginePorts ports) {
        Either<PortFailure, HostStatus> host = ports.stateroots().status();
        if (host.isLeft()) {
            return failed(host.getLeft());
        }
        Option<String> booted = host.get().bootedStateroot();
        // a saved IBU is restored only after a boot into it: while another deployment is the default, the reboot
        // the engine asked for has not happened yet and this start is a plain agent restart
        boolean bootedIsDefault = booted.isDefined()
                && host.get().defaultDeployment().exists(d -> d.osname().equals(booted.get()));
        if (bootedIsDefault) {
            Either<PortFailure, Option<ImageBasedUpgrade>> saved = ports.stateStore().loadIbu(booted.get());
            if (saved.isLeft()) {
                // a corrupt file must not keep the agent down: say so and leave the file for a person to look at
                LOG.error("cannot read the IBU saved in stateroot {}: {}", booted.get(), saved.getLeft().message());
                return failed(saved.getLeft());
            }
            if (saved.get().isDefined()) {
                return restore(ports, booted.get(), saved.get().get());
            }
        }
        Either<PortFailure, Option<ImageBasedUpgrade>> current = ports.resource().read();
        if (current.isLeft()) {
            return failed(current.getLeft());
        }
        if (current.get().isEmpty()) {
            Either<PortFailure, ImageBasedUpgrade> created = ports.resource().create(ImageBasedUpgrade.fresh());
            // Conflict: someone created it meanwhile, which is what was wanted
            if (created.isLeft() && !(created.getLeft() instanceof PortFailure.Conflict)) {
                return failed(created.getLeft());
            }
            LOG.info("created the ImageBasedUpgrade 'upgrade' with spec.stage Idle");
        }
        return ReconcileResult.after(java.time.Duration.ZERO, "initialized");
    }

    /** Restores {@code saved} (already written to the booted stateroot's store) without waiting for a reboot. */
    static ReconcileResult restoreNow(EnginePorts ports, String stateroot, ImageBasedUpgrade saved) {
        return restore(ports, stateroot, saved);
    }

    private static ReconcileResult restore(EnginePorts ports, String stateroot, ImageBasedUpgrade saved) {
        Either<PortFailure, Option<ImageBasedUpgrade>> current = ports.resource().read();
        if (current.isLeft()) {
            return failed(current.getLeft());
        }
        if (current.get().isDefined()) {
            Either<PortFailure, Void> deleted = ports.resource().delete();
            if (deleted.isLeft()) {
                return failed(deleted.getLeft());
            }
        }
        Either<PortFailure, ImageBasedUpgrade> created = ports.resource().create(saved);
        if (created.isLeft()) {
            return failed(created.getLeft());
        }
        // the file goes only once the resource holds its content: a crash in between restores it again
        Either<PortFailure, Void> removed = ports.stateStore().deleteIbu(stateroot);
        if (removed.isLeft()) {
            return failed(removed.getLeft());
        }
        LOG.info("restored the ImageBasedUpgrade saved in stateroot {}", stateroot);
        return ReconcileResult.after(java.time.Duration.ZERO, "restored from stateroot " + stateroot);
    }

    private static ReconcileResult failed(PortFailure f) {
        return Outcome.withoutStatus(FailurePolicy.atStartUp(f));
    }
}
