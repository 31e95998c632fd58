package dev.ibu.ports.in;

import java.util.Objects;

/** A request to reconcile the ImageBasedUpgrade named {@code name} (only {@code upgrade} is acted on). */
public record ReconcileCommand(String name, String reconcileId) {
    public ReconcileCommand {
        Objects.requireNonNull(name, "name");
        reconcileId = reconcileId == null ? "" : reconcileId;
    }

    public static ReconcileCommand singleton(String reconcileId) {
        return new ReconcileCommand("upgrade", reconcileId);
    }
}
