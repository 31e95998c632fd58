package dev.ibu.domain;

/**
 * {@code spec.autoRollbackOnFailure}; a timeout of 0 means the default of 1800 seconds. The value is held as the
 * cluster holds it, even when negative (the CRD's {@code minimum: 0} may be bypassed): Prep refuses it with a
 * message naming the field (see {@link SpecRules}), instead of the resource becoming unreadable and the agent silent.
 */
public record AutoRollbackOnFailure(long initMonitorTimeoutSeconds) {
    public static final long DEFAULT_TIMEOUT_SECONDS = 1800;

    public long effectiveTimeoutSeconds() {
        return initMonitorTimeoutSeconds > 0 ? initMonitorTimeoutSeconds : DEFAULT_TIMEOUT_SECONDS;
    }
}
