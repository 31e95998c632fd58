package dev.ibu.ports.in;

/**
 * The driving port: reconcile the ImageBasedUpgrade once and say when to look again. Level-triggered: each call
 * reads the world afresh, so a repeated or interrupted call reaches the same result.
 */
public interface ReconcileUpgradeUseCase {
    /**
     * Start-up: restore the resource saved across a pivot or rollback (in the booted stateroot), or create the
     * fresh {@code spec.stage: Idle} resource if none exists.
     */
    ReconcileResult initialize();

    ReconcileResult reconcile(ReconcileCommand command);

    /**
     * The resource was deleted; {@code lastSeen} is its last state (an informer's delete event carries it). Upstream
     * makes the IBU undeletable mid-upgrade: unless it was Idle or Rollback failed, it is saved and restored at once;
     * otherwise a fresh Idle resource replaces it (with no cleanup).
     */
    ReconcileResult deleted(dev.ibu.domain.ImageBasedUpgrade lastSeen);
}
