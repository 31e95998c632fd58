package dev.ibu.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Spec §2.2 and §2.6: the exact strings people script against, copied from the spec. */
class MessagesTest {

    @Test
    void fixed_constants() {
        assertThat(Messages.IN_PROGRESS).isEqualTo("In progress");
        assertThat(Messages.FINALIZING).isEqualTo("Finalizing");
        assertThat(Messages.ABORTING).isEqualTo("Aborting");
        assertThat(Messages.PREP_COMPLETED).isEqualTo("Prep completed");
        assertThat(Messages.PREP_FAILED).isEqualTo("Prep failed");
        assertThat(Messages.UPGRADE_COMPLETED).isEqualTo("Upgrade completed");
        assertThat(Messages.UPGRADE_FAILED).isEqualTo("Upgrade failed");
        assertThat(Messages.ROLLBACK_COMPLETED).isEqualTo("Rollback completed");
        assertThat(Messages.ROLLBACK_FAILED).isEqualTo("Rollback failed");
        assertThat(Messages.ROLLBACK_REQUESTED).isEqualTo("Rollback requested");
        assertThat(Messages.IDLE).isEqualTo("Idle");
        assertThat(Messages.UNCONTROLLED_ROLLBACK).isEqualTo("Uncontrolled rollback");
    }

    @Test
    void invalid_transition_messages() {
        assertThat(Messages.PREVIOUS_STAGE_NOT_SUCCEEDED).isEqualTo("Previous stage not succeeded");
        assertThat(Messages.UPGRADE_NOT_STARTED).isEqualTo("Upgrade not started or already finalized");
        assertThat(Messages.IDLE_ROLLBACK_FAILED).isEqualTo("Transition to Idle not allowed - Rollback failed");
        assertThat(Messages.IDLE_ROLLBACK_IN_PROGRESS)
                .isEqualTo("Transition to Idle not allowed - Rollback is in progress");
        assertThat(Messages.IDLE_ROLLBACK_FIRST).isEqualTo("Transition to Idle not allowed - Rollback first");
        assertThat(Messages.ABORT_OR_FINALIZE_NOT_ALLOWED).isEqualTo("Abort or finalize not allowed");
    }

    @Test
    void cleanup_failed_message_is_each_error_and_a_space_then_the_manual_cleanup_text() {
        assertThat(Messages.cleanupFailed(java.util.List.of("failed to remove 1 stateroots", "failed to delete x")))
                .isEqualTo("failed to remove 1 stateroots failed to delete x Perform cleanup manually then add "
                        + "'lca.openshift.io/manual-cleanup-done' annotation to ibu CR to transition back to Idle");
        assertThat(Messages.cleanupFailed(java.util.List.of("failed to delete all the backup CRs."))).isEqualTo(
                "failed to delete all the backup CRs. Perform cleanup manually then add "
                        + "'lca.openshift.io/manual-cleanup-done' annotation to ibu CR to transition back to Idle");
    }

    @Test
    void prep_and_wait_messages() {
        assertThat(Messages.PREP_COMPLETED_OK).isEqualTo("Prep stage completed successfully");
        assertThat(Messages.PREP_COMPLETED_WITH_WARNING).isEqualTo("Prep stage completed with extramanifests "
                + "validation warning. Please check the annotation "
                + "'extra-manifest.lca.openshift.io/validation-warning' for details.");
        assertThat(Messages.WAIT_PREP).isEqualTo("Waiting for system to stabilize before Prep stage can continue: ");
        assertThat(Messages.WAIT_PRE_PIVOT)
                .isEqualTo("Waiting for system to stabilize before Upgrade (pre-pivot) stage can continue: ");
        assertThat(Messages.WAIT_POST_PIVOT).isEqualTo("Waiting for system to stabilize: ");
        assertThat(Messages.WAIT_POST_PIVOT_FULL).isEqualTo("Waiting for system to fully stabilize: ");
        assertThat(Messages.WAIT_FINALIZE)
                .isEqualTo("Waiting for system to stabilize before finalize (idle) stage can continue: ");
    }

    @Test
    void upgrade_and_rollback_progress_messages() {
        assertThat(Messages.BACKING_UP).isEqualTo("Backing up Application Data");
        assertThat(Messages.BACKUP_IN_PROGRESS).isEqualTo("Backup of Application Data is in progress");
        assertThat(Messages.EXPORTING_APP_CONFIG).isEqualTo("Exporting Application Configuration");
        assertThat(Messages.EXPORTING_MANIFESTS).isEqualTo("Exporting Policy and Config Manifests");
        assertThat(Messages.EXPORTING_CLUSTER_CONFIG)
                .isEqualTo("Exporting Cluster, LVM, and cert-manager configuration");
        assertThat(Messages.APPLYING_POLICY).isEqualTo("Applying Policy Manifests");
        assertThat(Messages.APPLYING_CONFIG).isEqualTo("Applying Config Manifests");
        assertThat(Messages.RESTORING).isEqualTo("Restoring Application Data");
        assertThat(Messages.RESTORE_IN_PROGRESS).isEqualTo("Restore of Application Data is in progress");
        assertThat(Messages.INITIATING_ROLLBACK).isEqualTo("Initiating rollback");
        assertThat(Messages.MANUAL_DEFAULT_DEPLOYMENT).isEqualTo("default deployment must be manually set for next boot");
        assertThat(Messages.COMPLETING_ROLLBACK).isEqualTo("Completing rollback");
    }

    @Test
    void reasons_used_by_ibu() {
        assertThat(java.util.List.of(Reasons.IDLE, Reasons.IN_PROGRESS, Reasons.COMPLETED, Reasons.FAILED,
                Reasons.ABORTING, Reasons.ABORT_FAILED, Reasons.FINALIZING, Reasons.FINALIZE_FAILED,
                Reasons.INVALID_TRANSITION, Reasons.BLOCKED)).containsExactly("Idle", "InProgress", "Completed",
                "Failed", "Aborting", "AbortFailed", "Finalizing", "FinalizeFailed", "InvalidTransition", "Blocked");
    }

    @Test
    void every_reason_matches_the_metav1_condition_reason_pattern() {
        for (String r : java.util.List.of(Reasons.IDLE, Reasons.IN_PROGRESS, Reasons.COMPLETED, Reasons.FAILED,
                Reasons.ABORTING, Reasons.ABORT_FAILED, Reasons.FINALIZING, Reasons.FINALIZE_FAILED,
                Reasons.INVALID_TRANSITION, Reasons.BLOCKED)) {
            assertThat(r).matches("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$");
        }
    }
}
