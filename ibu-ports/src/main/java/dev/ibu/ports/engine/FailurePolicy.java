package dev.ibu.ports.engine;

import dev.ibu.domain.Messages;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a {@link PortFailure} becomes behaviour (PortFailure's contract): {@link PortFailure.Transient}
 * is retried with backoff, {@link PortFailure.Terminal} fails the running stage, {@link PortFailure.Conflict} means
 * "read again and redecide", {@link PortFailure.NotFound} and {@link PortFailure.Invalid} fail the stage with the
 * port's message, which names the missing or wrong object and the fix (the user must change something first).
 * Looking at what a stage waits for (health, jobs) and calls outside a stage only ever retry or re-read.
 */
final class FailurePolicy {
    private static final Logger LOG = LoggerFactory.getLogger(FailurePolicy.class);

    private FailurePolicy() {
    }

    /** A port call made by a stage handler failed; {@code context} starts the stage's failure message. */
    static Step inStage(PortFailure f, String context) {
        if (f instanceof PortFailure.Transient) {
            return new Step.Retry(f);
        }
        if (f instanceof PortFailure.Conflict) {
            return new Step.Reread("conflict: " + f.message());
        }
        return new Step.FailStage(context + f.message());
    }

    /**
     * Looking at what the engine waits for (health, a job's state, the cluster's facts) failed: the stage waits, it
     * does not fail, since the world may change on its own; the failure is retried with backoff whatever its kind
     * (a Conflict reads again).
     */
    static Step observing(PortFailure f) {
        return outsideStage(f);
    }

    /**
     * A call outside any stage failed (reading the resource or the host, writing the status, start-up): there is no
     * stage to fail and perhaps no way to write one, so every kind but Conflict is retried with backoff.
     */
    static Step outsideStage(PortFailure f) {
        if (f instanceof PortFailure.Conflict) {
            return new Step.Reread("conflict: " + f.message());
        }
        return new Step.Retry(f);
    }

    /**
     * Start-up and restore (spec §4.8) run before any pass can redecide: every failure, a conflict included (the
     * resource re-created by someone between our delete and create), is retried with backoff from the top.
     */
    static Step atStartUp(PortFailure f) {
        return new Step.Retry(f);
    }

    /**
     * Cleanup (abort, finalize) attempts every step and collects the failures: when each of them is transient (or a
     * conflict) the whole cleanup is retried, as every step is idempotent (at once when all were conflicts); when any
     * is not, the stage fails naming all of them, for a person to look at (AbortFailed/FinalizeFailed, spec §4.1).
     */
    static Step cleanup(List<PortFailure> failures) {
        if (failures.isEmpty()) {
            return Step.proceed();
        }
        if (failures.forAll(f -> f instanceof PortFailure.Conflict)) {
            return new Step.Reread("conflict: " + failures.map(PortFailure::message).mkString(" "));
        }
        if (failures.forAll(f -> f instanceof PortFailure.Transient || f instanceof PortFailure.Conflict)) {
            return new Step.Retry(PortFailure.transientFailure(failures.map(PortFailure::message).mkString(" ")));
        }
        return new Step.FailStage(Messages.cleanupFailed(failures.map(PortFailure::message).asJava()));
    }

    /** A best-effort call (an informational field, disabling the init monitor): the failure is only logged. */
    static void bestEffort(PortFailure f, String what) {
        LOG.warn("{}: {}", what, f.message());
    }
}
