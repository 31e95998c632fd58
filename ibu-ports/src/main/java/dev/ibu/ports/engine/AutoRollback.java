package dev.ibu.ports.engine;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.ConditionPredicates;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.Setters;
import dev.ibu.domain.Stage;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream's controller auto-rollback after a post-pivot failure (spec §4.3): rewrite the CR saved in the original
 * stateroot with Upgrade failed, make that stateroot the default, record Upgrade failed, reboot. As upstream, a
 * failure here is only logged: the IBU stays "Upgrade failed" after the pivot, and Rollback remains the way out.
 *
 * <p>Unlike upstream, the host is made ready before the failure is recorded, and a rollback whose reboot did not
 * happen is finished by the next pass ({@link #resume}): killed before the record, the next pass fails the same way
 * and comes here again; killed after it, or at a power loss, the node boots the original stateroot either way.
 */
final class AutoRollback {
    private static final Logger LOG = LoggerFactory.getLogger(AutoRollback.class);

    private AutoRollback() {
    }

    /** {@code failed} is the step that wrote Upgrade failed; it is what the pass returns unless the write fails. */
    static Step run(Pass pass, String reason, Step failed) {
        if (disabled(pass)) {
            LOG.info("automatic rollback disabled by annotation {}", Annotations.AUTO_ROLLBACK_UPGRADE_COMPLETION);
            return failed;
        }
        Option<String> original = pass.originalStateroot();
        if (original.isEmpty()) {
            LOG.error("automatic rollback impossible: no original stateroot");
            return failed;
        }
        Either<PortFailure, Void> ready = pass.ports.stateStore().loadIbu(original.get())
                .map(saved -> saved.getOrElse(pass.ibu()))
                .map(saved -> saved.withStatus(saved.status().withConditions(
                        Setters.upgradeFailed(saved.status().conditions(), reason, pass.stamp()))))
                .flatMap(rewritten -> pass.ports.stateStore().saveIbu(original.get(), rewritten))
                .flatMap(x -> pass.ports.stateroots().setDefault(original.get()));
        if (ready.isLeft()) {
            FailurePolicy.bestEffort(ready.getLeft(), "automatic rollback failed");
            return failed;
        }
        // the failure is recorded before the node goes down
        Step written = pass.persist();
        if (!written.proceeds()) {
            return written;
        }
        reboot(pass, reason);
        return failed;
    }

    /**
     * After the pivot, Upgrade failed and the original stateroot already the default: an automatic rollback was
     * decided and recorded, but the agent died before its reboot. Reboot now; otherwise nothing is in progress.
     */
    static Step resume(Pass pass) {
        Option<String> original = pass.originalStateroot();
        boolean pending = pass.ibu().spec().stage() == Stage.UPGRADE && pass.isAfterPivot() && !disabled(pass)
                && ConditionPredicates.failed(pass.conditions(), Stage.UPGRADE) && original.isDefined()
                && pass.host.defaultDeployment().exists(d -> d.osname().equals(original.get()));
        if (!pending) {
            return Step.done("nothing in progress");
        }
        String reason = pass.conditions().find(ConditionTypes.UPGRADE_IN_PROGRESS).map(c -> c.message())
                .getOrElse("automatic rollback");
        LOG.info("finishing the automatic rollback to {}: its reboot did not happen", original.get());
        reboot(pass, reason);
        return Step.requeue(Requeue.SHORT, "rebooting into " + original.get());
    }

    private static void reboot(Pass pass, String reason) {
        pass.ports.events().emit(EventPort.Type.WARNING, "Reboot", "System will now reboot for automatic rollback: "
                + reason);
        pass.ports.reboot().reboot(reason).peekLeft(f -> FailurePolicy.bestEffort(f, "automatic rollback failed"));
    }

    private static boolean disabled(Pass pass) {
        return pass.ibu().metadata().annotations().get(Annotations.AUTO_ROLLBACK_UPGRADE_COMPLETION)
                .contains(Annotations.DISABLED);
    }
}
