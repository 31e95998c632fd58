package dev.ibu.ports.engine;

import dev.ibu.ports.in.ReconcileError;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.out.PortFailure;

/** A driven port's failure as the driving port reports it ({@link ReconcileError} knows nothing of the SPI). */
final class Results {
    private Results() {
    }

    static ReconcileResult error(PortFailure f) {
        return ReconcileResult.error(of(f));
    }

    static ReconcileError of(PortFailure f) {
        return new ReconcileError(kind(f), f.message());
    }

    private static ReconcileError.Kind kind(PortFailure f) {
        if (f instanceof PortFailure.Transient) {
            return ReconcileError.Kind.TRANSIENT;
        }
        if (f instanceof PortFailure.Terminal) {
            return ReconcileError.Kind.TERMINAL;
        }
        if (f instanceof PortFailure.Conflict) {
            return ReconcileError.Kind.CONFLICT;
        }
        if (f instanceof PortFailure.NotFound) {
            return ReconcileError.Kind.NOT_FOUND;
        }
        if (f instanceof PortFailure.Invalid) {
            return ReconcileError.Kind.INVALID;
        }
        throw new IllegalStateException("a PortFailure kind without a ReconcileError kind: " + f);
    }
}
