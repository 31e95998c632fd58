package dev.ibu.ports.engine;

import dev.ibu.domain.History;
import dev.ibu.domain.Messages;
import dev.ibu.domain.Setters;
import dev.ibu.domain.Stage;
import dev.ibu.ports.out.EventPort;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * Rollback (stage-machine.md §4.4): back in the original stateroot -> completed; otherwise save the CR into the
 * original stateroot, make it the default, reboot. A failure for good fails the Rollback, and Rollback failed
 * has no way out but the manual one (upstream); a transient one is retried, every step being repeatable.
 */
final class RollbackHandler implements StageHandler {

    @Override
    public Step handle(Pass pass) {
        if (!pass.isAfterPivot()) {
            pass.updateHistory(h -> History.stopStage(h, Stage.ROLLBACK, pass.now));
            pass.update(c -> Setters.rollbackCompleted(c, pass.stamp()));
            pass.ports.events().emit(EventPort.Type.NORMAL, "RollbackCompleted", Messages.ROLLBACK_COMPLETED);
            return Step.done("Rollback completed");
        }
        progress(pass, Messages.INITIATING_ROLLBACK);
        Option<String> original = pass.originalStateroot();
        if (original.isEmpty()) {
            return Step.fail("failed to find the original stateroot to roll back to (ostree admin status lists "
                    + "only " + pass.host.staterootNames().mkString(", ") + ")");
        }
        warnOnExpiredCertificates(pass, original.get());
        pass.updateStatus(s -> s.withRollbackAvailabilityExpiration(Option.none()));
        progress(pass, Messages.COMPLETING_ROLLBACK);
        Step step = pass.persist();
        if (!step.proceeds()) {
            return step;
        }
        // saved before the original stateroot becomes the default: a power loss right after set-default boots it,
        // and it must find this CR there, not the copy the pivot left for an uncontrolled rollback. Until then the
        // booted stateroot stays the default, so a restarted agent does not restore this copy.
        step = pass.act(pass.ports.stateStore().saveIbu(original.get(), pass.ibu()), "failed to save the IBU into "
                + "stateroot " + original.get() + ": ");
        if (!step.proceeds()) {
            return step;
        }
        step = pass.act(pass.ports.stateroots().setDefault(original.get()), "failed to make stateroot "
                + original.get() + " the default: ");
        if (!step.proceeds()) {
            return step;
        }
        pass.ports.events().emit(EventPort.Type.NORMAL, "Reboot", "System will now reboot for rollback");
        return pass.call(pass.ports.reboot().reboot("rollback to stateroot " + original.get()), "")
                .fold(s -> s, x -> Step.requeue(Requeue.SHORT, "rebooting into " + original.get()));
    }

    /** The seed document's prerequisite, which upstream leaves to the administrator: say it loudly. */
    private static void warnOnExpiredCertificates(Pass pass, String original) {
        Instant now = pass.now;
        pass.ports.certificates().earliestKubeletExpiry(original)
                .peekLeft(f -> FailurePolicy.bestEffort(f, "cannot read the kubelet certificates of " + original))
                .forEach(expiry -> expiry.filter(t -> !t.isAfter(now))
                        .forEach(t -> pass.ports.events().emit(EventPort.Type.WARNING, "CertificatesExpired",
                                "the kubelet certificates of stateroot " + original + " expired at " + t + ": after "
                                        + "the rollback the control plane certificates must be recovered (see "
                                        + "'Recovering expired control plane certificates')")));
    }

    private static void progress(Pass pass, String message) {
        pass.update(c -> Setters.rollbackInProgress(c, message, pass.stamp()));
    }
}
