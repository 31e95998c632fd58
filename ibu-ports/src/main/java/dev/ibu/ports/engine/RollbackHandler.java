package dev.ibu.ports.engine;

import dev.ibu.domain.History;
import dev.ibu.domain.Messages;
import dev.ibu.domain.Setters;
import dev.ibu.domain.Stage;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * Rollback (stage-machine.md §4.4): back in the original stateroot -> completed; otherwise make the original
 * stateroot the default, save the CR into it, reboot. Every failure is terminal, as upstream.
 */
final class RollbackHandler implements StageHandler {

    @Override
    public ReconcileResult handle(Pass pass) {
        if (!pass.isAfterPivot()) {
            pass.updateHistory(h -> History.stopStage(h, Stage.ROLLBACK, pass.now));
            pass.update(c -> Setters.rollbackCompleted(c, pass.stamp()));
            pass.ports.events().emit(EventPort.Type.NORMAL, "RollbackCompleted", Messages.ROLLBACK_COMPLETED);
            return ReconcileResult.done("Rollback completed");
        }
        progress(pass, Messages.INITIATING_ROLLBACK);
        Option<String> original = pass.originalStateroot();
        if (original.isEmpty()) {
            return fail(pass, "failed to find the original stateroot to roll back to (ostree admin status lists "
                    + "only " + pass.host.staterootNames().mkString(", ") + ")");
        }
        warnOnExpiredCertificates(pass, original.get());
        Either<PortFailure, Void> setDefault = pass.ports.stateroots().setDefault(original.get());
        if (setDefault.isLeft()) {
            return fail(pass, "failed to make stateroot " + original.get() + " the default: "
                    + setDefault.getLeft().message());
        }
        pass.updateStatus(s -> s.withRollbackAvailabilityExpiration(Option.none()));
        progress(pass, Messages.COMPLETING_ROLLBACK);
        pass.persist();
        Either<PortFailure, Void> saved = pass.ports.stateStore().saveIbu(original.get(), pass.ibu());
        if (saved.isLeft()) {
            return fail(pass, "failed to save the IBU into stateroot " + original.get() + ": "
                    + saved.getLeft().message());
        }
        pass.ports.events().emit(EventPort.Type.NORMAL, "Reboot", "System will now reboot for rollback");
        Either<PortFailure, Void> reboot = pass.ports.reboot().reboot("rollback to stateroot " + original.get());
        if (reboot.isLeft()) {
            return fail(pass, reboot.getLeft().message());
        }
        return ReconcileResult.after(Requeue.SHORT, "rebooting into " + original.get());
    }

    /** The seed document's prerequisite, which upstream leaves to the administrator: say it loudly. */
    private static void warnOnExpiredCertificates(Pass pass, String original) {
        Instant now = pass.now;
        pass.ports.certificates().earliestKubeletExpiry(original).forEach(expiry -> expiry
                .filter(t -> !t.isAfter(now))
                .forEach(t -> pass.ports.events().emit(EventPort.Type.WARNING, "CertificatesExpired",
                        "the kubelet certificates of stateroot " + original + " expired at " + t + ": after the "
                                + "rollback the control plane certificates must be recovered (see 'Recovering "
                                + "expired control plane certificates')")));
    }

    private static void progress(Pass pass, String message) {
        pass.update(c -> Setters.rollbackInProgress(c, message, pass.stamp()));
    }

    private static ReconcileResult fail(Pass pass, String message) {
        pass.update(c -> Setters.rollbackFailed(c, message, pass.stamp()));
        pass.ports.events().emit(EventPort.Type.WARNING, "RollbackFailed", message);
        return ReconcileResult.done("Rollback failed: " + message);
    }
}
