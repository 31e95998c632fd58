package dev.ibu.domain;

/** The message catalogue (spec §2.6): exact strings people script against. */
public final class Messages {
    public static final String IN_PROGRESS = "In progress";
    public static final String FINALIZING = "Finalizing";
    public static final String ABORTING = "Aborting";
    public static final String IDLE = "Idle";
    public static final String PREP_COMPLETED = "Prep completed";
    public static final String PREP_FAILED = "Prep failed";
    public static final String UPGRADE_COMPLETED = "Upgrade completed";
    public static final String UPGRADE_FAILED = "Upgrade failed";
    public static final String ROLLBACK_COMPLETED = "Rollback completed";
    public static final String ROLLBACK_FAILED = "Rollback failed";
    public static final String ROLLBACK_REQUESTED = "Rollback requested";
    public static final String UNCONTROLLED_ROLLBACK = "Uncontrolled rollback";

    public static final String PREVIOUS_STAGE_NOT_SUCCEEDED = "Previous stage not succeeded";
    public static final String UPGRADE_NOT_STARTED = "Upgrade not started or already finalized";
    public static final String IDLE_ROLLBACK_FAILED = "Transition to Idle not allowed - Rollback failed";
    public static final String IDLE_ROLLBACK_IN_PROGRESS = "Transition to Idle not allowed - Rollback is in progress";
    public static final String IDLE_ROLLBACK_FIRST = "Transition to Idle not allowed - Rollback first";
    public static final String ABORT_OR_FINALIZE_NOT_ALLOWED = "Abort or finalize not allowed";

    public static final String PREP_COMPLETED_OK = "Prep stage completed successfully";
    public static final String PREP_COMPLETED_WITH_WARNING = "Prep stage completed with extramanifests validation "
            + "warning. Please check the annotation 'extra-manifest.lca.openshift.io/validation-warning' for details.";
    public static final String MANUAL_CLEANUP = "Perform cleanup manually then add "
            + "'lca.openshift.io/manual-cleanup-done' annotation to ibu CR to transition back to Idle";

    public static final String WAIT_PREP = "Waiting for system to stabilize before Prep stage can continue: ";
    public static final String WAIT_PRE_PIVOT =
            "Waiting for system to stabilize before Upgrade (pre-pivot) stage can continue: ";
    public static final String WAIT_POST_PIVOT = "Waiting for system to stabilize: ";
    public static final String WAIT_POST_PIVOT_FULL = "Waiting for system to fully stabilize: ";
    public static final String WAIT_FINALIZE =
            "Waiting for system to stabilize before finalize (idle) stage can continue: ";

    public static final String BACKING_UP = "Backing up Application Data";
    public static final String BACKUP_IN_PROGRESS = "Backup of Application Data is in progress";
    public static final String EXPORTING_APP_CONFIG = "Exporting Application Configuration";
    public static final String EXPORTING_MANIFESTS = "Exporting Policy and Config Manifests";
    public static final String EXPORTING_CLUSTER_CONFIG = "Exporting Cluster, LVM, and cert-manager configuration";
    public static final String APPLYING_POLICY = "Applying Policy Manifests";
    public static final String APPLYING_CONFIG = "Applying Config Manifests";
    public static final String RESTORING = "Restoring Application Data";
    public static final String RESTORE_IN_PROGRESS = "Restore of Application Data is in progress";

    public static final String INITIATING_ROLLBACK = "Initiating rollback";
    public static final String MANUAL_DEFAULT_DEPLOYMENT = "default deployment must be manually set for next boot";
    public static final String COMPLETING_ROLLBACK = "Completing rollback";

    private Messages() {
    }

    /** The init monitor's rollback reason, e.g. {@code Rollback due to LCA Init Monitor timeout, after 30m0s}. */
    public static String initMonitorTimeout(long timeoutSeconds) {
        return "Rollback due to LCA Init Monitor timeout, after " + GoDuration.format(timeoutSeconds);
    }

    /** The AbortFailed/FinalizeFailed message: each error followed by one space, then the manual-cleanup text. */
    public static String cleanupFailed(java.util.List<String> errors) {
        StringBuilder sb = new StringBuilder();
        for (String e : errors) {
            sb.append(e).append(' ');
        }
        return sb.append(MANUAL_CLEANUP).toString();
    }
}
