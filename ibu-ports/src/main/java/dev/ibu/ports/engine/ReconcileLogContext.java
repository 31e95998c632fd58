package dev.ibu.ports.engine;

import dev.ibu.ports.in.ReconcileCommand;
import org.slf4j.MDC;

import java.util.UUID;

/**
 * Puts the reconcile id into the slf4j MDC for one call of the engine (key {@value ReconcileCommand#MDC_KEY}, as
 * controller-runtime logs it), so that every line the engine and the adapters log carries it, whoever embeds the
 * engine. On close the previous value (a caller's own id, or none) is put back.
 */
final class ReconcileLogContext implements AutoCloseable {
    private final String previous;

    private ReconcileLogContext(String id) {
        previous = MDC.get(ReconcileCommand.MDC_KEY);
        MDC.put(ReconcileCommand.MDC_KEY, id);
    }

    /** Uses {@code id}, or a new random one (as controller-runtime does) when it is blank. */
    static ReconcileLogContext enter(String id) {
        return new ReconcileLogContext(id == null || id.isBlank() ? UUID.randomUUID().toString() : id);
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(ReconcileCommand.MDC_KEY);
        } else {
            MDC.put(ReconcileCommand.MDC_KEY, previous);
        }
    }
}
