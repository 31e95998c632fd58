package dev.ibu.adapters.oadp;

import java.util.Set;

/** How a Velero Backup or Restore phase counts for the wave that contains it (upstream's tracker). */
public enum PhaseBucket {
    SUCCEEDED, FAILED, PENDING, PROGRESSING;

    private static final Set<String> FAILED_PHASES = Set.of("Failed", "PartiallyFailed", "FailedValidation");

    /** Completed succeeds; three phases fail; no phase yet is pending; anything else (also unknown) progresses. */
    public static PhaseBucket of(String phase) {
        if (phase == null || phase.isEmpty()) {
            return PENDING;
        }
        if ("Completed".equals(phase)) {
            return SUCCEEDED;
        }
        return FAILED_PHASES.contains(phase) ? FAILED : PROGRESSING;
    }
}
