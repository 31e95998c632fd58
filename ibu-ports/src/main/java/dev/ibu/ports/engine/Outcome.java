package dev.ibu.ports.engine;

import dev.ibu.domain.Stage;
import dev.ibu.domain.Transition;
import dev.ibu.domain.TransitionStep;
import dev.ibu.ports.in.ReconcileResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The end of a pass: the status write and what the caller is told (spec §3.1 step 8). Every pass that did not lose a
 * race ends with a status write, also after a transient failure (best effort); the result says when to look again.
 */
final class Outcome {
    private static final Logger LOG = LoggerFactory.getLogger(Outcome.class);

    private Outcome() {
    }

    /** Writes what the pass decided, then tells the caller when to look again. */
    static ReconcileResult finish(Pass pass, Step last) {
        if (last instanceof Step.Reread) {
            return withoutStatus(last);
        }
        Step written = pass.persist();
        if (last instanceof Step.Retry) {
            if (!written.proceeds()) {
                LOG.warn("status not written after an error: {}", written);
            }
            return withoutStatus(last);
        }
        if (!written.proceeds()) {
            return withoutStatus(written);
        }
        ReconcileResult result = withoutStatus(last);
        return pendingRequestNowValid(pass).map(stage -> ReconcileResult.after(Duration.ZERO,
                "spec.stage " + stage + " can be acted on now")).getOrElse(result);
    }

    /** The result of a step when there is no status to write (or it is written already). */
    static ReconcileResult withoutStatus(Step step) {
        if (step instanceof Step.Requeue r) {
            return ReconcileResult.after(r.after(), r.why());
        }
        if (step instanceof Step.Retry r) {
            return Results.error(r.cause());
        }
        if (step instanceof Step.Reread r) {
            return ReconcileResult.after(Duration.ZERO, r.why());
        }
        if (step instanceof Step.Done d) {
            return ReconcileResult.done(d.summary());
        }
        if (step instanceof Step.Continue) {
            return ReconcileResult.done("nothing more to do");
        }
        throw new IllegalStateException("a stage failure outside a stage: " + step);
    }

    /**
     * Spec §3.6: a request rejected earlier stays requested and is acted on once it becomes valid. Status writes do
     * not trigger a reconcile, so when this pass made it valid (say Prep completed under a pending Upgrade), the next
     * pass must be asked for now, or the request would wait for an unrelated event. An accepted Idle that changes
     * nothing (spec §6) is not pending: it would be re-accepted for ever.
     */
    private static io.vavr.control.Option<Stage> pendingRequestNowValid(Pass pass) {
        TransitionStep next = TransitionStep.decide(pass.ibu(), pass.isAfterPivot(), pass.now);
        return next.transition()
                .filter(t -> t instanceof Transition.Accepted a && a.idleOutcome() != Transition.IdleOutcome.NO_OP)
                .map(Transition::requested);
    }
}
