package dev.ibu.rehearsal.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A step of the simulated world that {@code local --fail=STEP} makes fail, so its recovery can be rehearsed. */
public enum FailStep {
    /** The stateroot setup job fails: Prep failed, then abort to Idle. */
    STATEROOT,
    /** One precache image cannot be pulled... and the job fails: Prep failed, then abort. */
    PRECACHE,
    /** A Velero Backup fails before the pivot: Upgrade failed, then abort to Idle. */
    BACKUP,
    /** A Velero Restore fails after the pivot: Upgrade failed, automatic rollback to the original stateroot. */
    RESTORE,
    /** Deleting the backups fails during abort after Prep: AbortFailed, then the manual-cleanup-done annotation. */
    ABORT,
    /** Deleting the backups fails during finalize: FinalizeFailed, then the manual-cleanup-done annotation. */
    CLEANUP;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static String choices() {
        return Arrays.stream(values()).map(FailStep::cliName).collect(Collectors.joining(", "));
    }
}
