package dev.ibu.domain;

/** {@code spec.autoRollbackOnFailure}; a timeout of 0 means the default of 1800 seconds. */
public record AutoRollbackOnFailure(long initMonitorTimeoutSeconds) {
    public static final long DEFAULT_TIMEOUT_SECONDS = 1800;

    public AutoRollbackOnFailure {
        if (initMonitorTimeoutSeconds < 0) {
            throw new IllegalArgumentException(
                    "spec.autoRollbackOnFailure.initMonitorTimeoutSeconds must be >= 0 (0 means the default 1800)");
        }
    }

    public long effectiveTimeoutSeconds() {
        return initMonitorTimeoutSeconds > 0 ? initMonitorTimeoutSeconds : DEFAULT_TIMEOUT_SECONDS;
    }
}
