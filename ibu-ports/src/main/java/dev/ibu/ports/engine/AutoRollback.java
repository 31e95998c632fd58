package dev.ibu.ports.engine;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.Setters;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream's controller auto-rollback after a post-pivot failure (spec §4.3): with Upgrade failed written, rewrite the
 * CR saved in the original stateroot, make that stateroot the default, reboot. As upstream, a failure here is only
 * logged: the IBU stays "Upgrade failed" after the pivot, and Rollback remains the way out.
 */
final class AutoRollback {
    private static final Logger LOG = LoggerFactory.getLogger(AutoRollback.class);

    private AutoRollback() {
    }

    /** {@code failed} is the step that wrote Upgrade failed; it is what the pass returns unless the write fails. */
    static Step run(Pass pass, String reason, Step failed) {
        if (pass.ibu().metadata().annotations().get(Annotations.AUTO_ROLLBACK_UPGRADE_COMPLETION)
                .contains(Annotations.DISABLED)) {
            LOG.info("automatic rollback disabled by annotation {}", Annotations.AUTO_ROLLBACK_UPGRADE_COMPLETION);
            return failed;
        }
        Option<String> original = pass.originalStateroot();
        if (original.isEmpty()) {
            LOG.error("automatic rollback impossible: no original stateroot");
            return failed;
        }
        // the failure is recorded before the node goes down
        Step written = pass.persist();
        if (!written.proceeds()) {
            return written;
        }
        Either<PortFailure, Void> done = pass.ports.stateStore().loadIbu(original.get())
                .map(saved -> saved.getOrElse(pass.ibu()))
                .map(saved -> saved.withStatus(saved.status().withConditions(
                        Setters.upgradeFailed(saved.status().conditions(), reason, pass.stamp()))))
                .flatMap(rewritten -> pass.ports.stateStore().saveIbu(original.get(), rewritten))
                .flatMap(x -> pass.ports.stateroots().setDefault(original.get()))
                .peek(x -> pass.ports.events().emit(EventPort.Type.WARNING, "Reboot",
                        "System will now reboot for automatic rollback: " + reason))
                .flatMap(x -> pass.ports.reboot().reboot(reason));
        done.peekLeft(f -> FailurePolicy.bestEffort(f, "automatic rollback failed"));
        return failed;
    }
}
