package dev.ibu.ports.engine;

import dev.ibu.ports.in.ReconcileResult;

/** Ends a pass early with a result (a status write lost a race, or a port failed transiently). */
final class StopPass extends RuntimeException {
    final transient ReconcileResult result;

    StopPass(ReconcileResult result) {
        super(result.summary(), null, false, false);
        this.result = result;
    }
}
