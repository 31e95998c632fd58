package dev.ibu.ports.in;

import java.util.Objects;

/**
 * A request to reconcile the ImageBasedUpgrade named {@code name} (only {@code upgrade} is acted on). For the length
 * of the call the engine puts {@code reconcileId} (a random one when blank) into the slf4j MDC under
 * {@link #MDC_KEY}, and afterwards restores what was there.
 */
public record ReconcileCommand(String name, String reconcileId) {
    /** The MDC key of the reconcile id, as controller-runtime names it in its log lines. */
    public static final String MDC_KEY = "reconcileID";

    public ReconcileCommand {
        Objects.requireNonNull(name, "name");
        reconcileId = reconcileId == null ? "" : reconcileId;
    }

    public static ReconcileCommand singleton(String reconcileId) {
        return new ReconcileCommand("upgrade", reconcileId);
    }
}
