package dev.ibu.adapters.oadp;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables. {@code deletionTimeout} bounds how long Velero may take to process DeleteBackupRequests (upstream: 5
 * minutes); {@code waitSlice} is how long one call may wait for them before it returns and lets other reconciles
 * run (upstream blocks for the whole timeout); {@code pollInterval} is the poll period inside a slice.
 */
public record OadpSettings(Duration deletionTimeout, Duration waitSlice, Duration pollInterval) {
    public static final OadpSettings DEFAULTS =
            new OadpSettings(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(1));

    public OadpSettings {
        Objects.requireNonNull(deletionTimeout, "deletionTimeout");
        Objects.requireNonNull(waitSlice, "waitSlice");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (deletionTimeout.isNegative() || deletionTimeout.isZero()) {
            throw new IllegalArgumentException("deletionTimeout must be positive, got " + deletionTimeout);
        }
        if (waitSlice.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("waitSlice must be >= 0 and pollInterval > 0");
        }
    }
}
