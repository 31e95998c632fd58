package dev.ibu.ports.engine;

import dev.ibu.ports.out.PortFailure;

import java.time.Duration;
import java.util.Objects;

/**
 * What one step of a pass decided. Handlers return these instead of throwing or returning null; the engine turns the
 * last one into the status to write and the {@link dev.ibu.ports.in.ReconcileResult}. Port failures become steps in
 * one place only: {@link FailurePolicy}.
 */
sealed interface Step {
    /** True only for {@link Continue}: the pass goes on with its next step. */
    default boolean proceeds() {
        return false;
    }

    /** Go on with the next step of this pass. */
    record Continue() implements Step {
        static final Continue INSTANCE = new Continue();

        @Override
        public boolean proceeds() {
            return true;
        }
    }

    /** Stop here, write the status, and look again after {@code after} (work running, waiting for health...). */
    record Requeue(Duration after, String why) implements Step {
        public Requeue {
            Objects.requireNonNull(after);
            Objects.requireNonNull(why);
        }
    }

    /** A port failed transiently: write what the pass decided (best effort) and retry with the caller's backoff. */
    record Retry(PortFailure cause) implements Step {
        public Retry {
            Objects.requireNonNull(cause);
        }
    }

    /** The resource changed under this pass: write nothing more, read again and redecide at once. */
    record Reread(String why) implements Step {
        public Reread {
            Objects.requireNonNull(why);
        }
    }

    /** The running stage failed for good: the engine writes its failure condition with {@code message}. */
    record FailStage(String message) implements Step {
        public FailStage {
            Objects.requireNonNull(message);
        }
    }

    /**
     * After the pivot only: Upgrade failed with {@code message}, then the controller's automatic rollback with
     * {@code rollbackReason} written into the CR saved in the original stateroot (stage-machine.md §4.3).
     */
    record FailAndRollBack(String message, String rollbackReason) implements Step {
        public FailAndRollBack {
            Objects.requireNonNull(message);
            Objects.requireNonNull(rollbackReason);
        }
    }

    /** Nothing more to do until something changes (a stage completed, a failure was written). */
    record Done(String summary) implements Step {
        public Done {
            Objects.requireNonNull(summary);
        }
    }

    static Step proceed() {
        return Continue.INSTANCE;
    }

    static Step requeue(Duration after, String why) {
        return new Requeue(after, why);
    }

    static Step done(String summary) {
        return new Done(summary);
    }

    static Step fail(String message) {
        return new FailStage(message);
    }
}
