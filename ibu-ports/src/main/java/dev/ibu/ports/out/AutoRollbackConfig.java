package dev.ibu.ports.out;

/**
 * {@code /var/lib/lca/autorollback_config.json} written into the new stateroot at Prep (stage-machine.md §4.5):
 * whether the init monitor runs, its timeout, and whether the post-reboot components may trigger a rollback.
 */
public record AutoRollbackConfig(boolean monitorEnabled, long monitorTimeoutSeconds, boolean configEnabled,
                                 boolean postpivotEnabled) {
    public AutoRollbackConfig {
        if (monitorTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("monitorTimeoutSeconds must be > 0");
        }
    }
}
