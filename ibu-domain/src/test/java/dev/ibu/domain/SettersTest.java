package dev.ibu.domain;

import static dev.ibu.domain.ConditionStatus.FALSE;
import static dev.ibu.domain.Fx.AT_T1;
import static dev.ibu.domain.Fx.T0;
import static dev.ibu.domain.Fx.T1;
import static dev.ibu.domain.Fx.c;
import static dev.ibu.domain.Fx.cs;
import static dev.ibu.domain.Fx.r;
import static dev.ibu.domain.Fx.rows;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Spec §2.5: the compound setters, their order of writes, clear-invalid-transitions and reset. */
class SettersTest {

    @Test
    void prep_in_progress_sets_prep_in_progress_true() {
        assertThat(rows(Setters.prepInProgress(Fx.IDLE, "In progress", AT_T1))).containsExactly(
                r("Idle", "True", "Idle", "Idle"),
                r("PrepInProgress", "True", "InProgress", "In progress"));
    }

    @Test
    void prep_in_progress_message_update_stays_in_place() {
        Conditions after = Setters.prepInProgress(cs(Fx.PREP_IP_T, Fx.IDLE_F),
                "Stateroot setup job in progress. job-name: lca-prep-stateroot-setup, job-namespace: ns", AT_T1);
        assertThat(rows(after)).containsExactly(
                r("PrepInProgress", "True", "InProgress",
                        "Stateroot setup job in progress. job-name: lca-prep-stateroot-setup, job-namespace: ns"),
                r("Idle", "False", "InProgress", "In progress"));
    }

    @Test
    void prep_failed_writes_completed_then_in_progress_so_in_progress_ends_last() {
        Conditions after = Setters.prepFailed(Fx.PREP_IN_PROGRESS, "container storage mountpoint target not found",
                AT_T1);
        assertThat(rows(after)).containsExactly(
                r("Idle", "False", "InProgress", "In progress"),
                r("PrepCompleted", "False", "Failed", "Prep failed"),
                r("PrepInProgress", "False", "Failed", "container storage mountpoint target not found"));
        assertThat(after.find("PrepInProgress").get().lastTransitionTime()).isEqualTo(T1);
    }

    @Test
    void prep_completed_ends_with_prep_completed_last() {
        Conditions after = Setters.prepCompleted(Fx.PREP_IN_PROGRESS, "Prep stage completed successfully", AT_T1);
        assertThat(rows(after)).containsExactly(
                r("Idle", "False", "InProgress", "In progress"),
                r("PrepInProgress", "False", "Completed", "Prep completed"),
                r("PrepCompleted", "True", "Completed", "Prep stage completed successfully"));
    }

    @Test
    void upgrade_in_progress_appends_upgrade_in_progress() {
        assertThat(rows(Setters.upgradeInProgress(Fx.PREP_COMPLETED, "In progress", AT_T1)))
                .isEqualTo(rows(Fx.UPGRADE_IN_PROGRESS));
    }

    @Test
    void upgrade_failed_after_in_progress_shows_failed_and_the_message_last() {
        Conditions after = Setters.upgradeFailed(Fx.UPGRADE_IN_PROGRESS, Fx.UPGRADE_ERR, AT_T1);
        assertThat(rows(after)).isEqualTo(rows(Fx.UPGRADE_FAILED));
        assertThat(after.last().get().reason()).isEqualTo("Failed");
        assertThat(after.last().get().message()).isEqualTo(Fx.UPGRADE_ERR);
    }

    @Test
    void upgrade_completed_writes_in_progress_then_completed() {
        assertThat(rows(Setters.upgradeCompleted(Fx.UPGRADE_IN_PROGRESS, AT_T1)))
                .isEqualTo(rows(Fx.UPGRADE_COMPLETED));
    }

    @Test
    void upgrade_rollback_requested_from_in_progress_moves_the_flipped_in_progress_last() {
        assertThat(rows(Setters.upgradeRollbackRequested(Fx.UPGRADE_IN_PROGRESS, AT_T1))).containsExactly(
                r("Idle", "False", "InProgress", "In progress"),
                r("PrepInProgress", "False", "Completed", "Prep completed"),
                r("PrepCompleted", "True", "Completed", "Prep stage completed successfully"),
                r("UpgradeCompleted", "False", "Failed", "Rollback requested"),
                r("UpgradeInProgress", "False", "Failed", "Rollback requested"));
    }

    @Test
    void upgrade_rollback_requested_from_completed_flips_the_last_condition_in_place() {
        assertThat(rows(Setters.upgradeRollbackRequested(Fx.UPGRADE_COMPLETED, AT_T1))).containsExactly(
                r("Idle", "False", "InProgress", "In progress"),
                r("PrepInProgress", "False", "Completed", "Prep completed"),
                r("PrepCompleted", "True", "Completed", "Prep stage completed successfully"),
                r("UpgradeInProgress", "False", "Failed", "Rollback requested"),
                r("UpgradeCompleted", "False", "Failed", "Rollback requested"));
    }

    @Test
    void rollback_in_progress_failed_and_completed() {
        Conditions requested = Setters.upgradeRollbackRequested(Fx.UPGRADE_IN_PROGRESS, AT_T1);
        Conditions running = Setters.rollbackInProgress(requested, "In progress", AT_T1);
        assertThat(rows(running)).isEqualTo(rows(Fx.ROLLBACK_IN_PROGRESS));

        assertThat(rows(Setters.rollbackFailed(running, Fx.RB_ERR, AT_T1))).isEqualTo(rows(Fx.ROLLBACK_FAILED));
        assertThat(rows(Setters.rollbackCompleted(running, AT_T1))).isEqualTo(rows(Fx.ROLLBACK_COMPLETED));
    }

    @Test
    void rollback_in_progress_message_update_stays_in_place() {
        Conditions after = Setters.rollbackInProgress(cs(Fx.RB_IP_T, Fx.IDLE_F), "Initiating rollback", AT_T1);
        assertThat(rows(after)).containsExactly(
                r("RollbackInProgress", "True", "InProgress", "Initiating rollback"),
                r("Idle", "False", "InProgress", "In progress"));
    }

    @Test
    void idle_in_progress_writes_idle_false_with_reason_and_moves_it_last() {
        Conditions after = Setters.idleInProgress(Fx.UPGRADE_COMPLETED, "Finalizing", "Finalizing", AT_T1);
        assertThat(rows(after)).containsExactly(
                r("PrepInProgress", "False", "Completed", "Prep completed"),
                r("PrepCompleted", "True", "Completed", "Prep stage completed successfully"),
                r("UpgradeInProgress", "False", "Completed", "Upgrade completed"),
                r("UpgradeCompleted", "True", "Completed", "Upgrade completed"),
                r("Idle", "False", "Finalizing", "Finalizing"));
    }

    @Test
    void invalid_transition_goes_on_the_in_progress_type_of_the_requested_stage() {
        assertThat(rows(Setters.invalidTransition(Fx.IDLE, Stage.UPGRADE, "Previous stage not succeeded", AT_T1)))
                .containsExactly(r("Idle", "True", "Idle", "Idle"),
                        r("UpgradeInProgress", "False", "InvalidTransition", "Previous stage not succeeded"));
        assertThat(rows(Setters.invalidTransition(Fx.UPGRADE_FAILED, Stage.IDLE,
                "Transition to Idle not allowed - Rollback first", AT_T1)).get(4))
                .isEqualTo(r("Idle", "False", "InvalidTransition", "Transition to Idle not allowed - Rollback first"));
    }

    @Test
    void blocked_goes_on_the_in_progress_type_of_spec_stage() {
        assertThat(rows(Setters.blocked(Conditions.EMPTY, Stage.IDLE, "IPC is not idle", AT_T1)))
                .containsExactly(r("Idle", "False", "Blocked", "IPC is not idle"));
        assertThat(rows(Setters.blocked(Fx.PREP_COMPLETED, Stage.UPGRADE, "IPC is not idle", AT_T1)).get(3))
                .isEqualTo(r("UpgradeInProgress", "False", "Blocked", "IPC is not idle"));
    }

    @Test
    void clear_invalid_transitions_resets_idle_and_removes_stage_in_progress_types_only() {
        Conditions before = cs(
                c("Idle", FALSE, "InvalidTransition", "Transition to Idle not allowed - Rollback first"),
                Fx.PREP_IP_DONE,
                c("UpgradeInProgress", FALSE, "InvalidTransition", "Previous stage not succeeded"),
                c("RollbackInProgress", FALSE, "InvalidTransition", "Upgrade not started or already finalized"),
                c("PrepCompleted", FALSE, "InvalidTransition", "odd"),
                c("Custom", FALSE, "InvalidTransition", "odd"));

        Conditions after = Setters.clearInvalidTransitions(before, AT_T1);

        assertThat(rows(after)).containsExactly(
                r("PrepInProgress", "False", "Completed", "Prep completed"),
                r("PrepCompleted", "False", "InvalidTransition", "odd"),
                r("Custom", "False", "InvalidTransition", "odd"),
                r("Idle", "False", "InProgress", "In progress"));
    }

    @Test
    void clear_invalid_transitions_without_any_is_the_identity() {
        assertThat(Setters.clearInvalidTransitions(Fx.ROLLBACK_FAILED, AT_T1)).isEqualTo(Fx.ROLLBACK_FAILED);
    }

    @Test
    void reset_keeps_only_idle_true_in_place() {
        Conditions after = Setters.reset(Fx.UPGRADE_COMPLETED.set("Idle", FALSE, "Finalizing", "Finalizing", 1, T0),
                AT_T1);
        assertThat(rows(after)).containsExactly(r("Idle", "True", "Idle", "Idle"));
        assertThat(after.find("Idle").get().lastTransitionTime()).isEqualTo(T1);
    }

    @Test
    void reset_of_idle_true_keeps_its_transition_time() {
        Conditions after = Setters.reset(cs(Fx.IDLE_T, c("RollbackInProgress", FALSE, "InvalidTransition", "x")),
                AT_T1);
        assertThat(rows(after)).containsExactly(r("Idle", "True", "Idle", "Idle"));
        assertThat(after.find("Idle").get().lastTransitionTime()).isEqualTo(T0);
    }

    @Test
    void reset_of_no_conditions_creates_idle_true() {
        Conditions after = Setters.reset(Conditions.EMPTY, AT_T1);
        assertThat(rows(after)).containsExactly(r("Idle", "True", "Idle", "Idle"));
        assertThat(after.find("Idle").get().lastTransitionTime()).isEqualTo(T1);
        assertThat(after.find("Idle").get().observedGeneration()).isEqualTo(2);
    }
}
